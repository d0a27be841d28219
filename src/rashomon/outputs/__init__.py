"""What users read: the JSON/CSV/CSL/GeoJSON/TimeML exports, the HTML report and the local web app."""

"""Places: an offline gazetteer and toponym resolution that reads the story around a name.

The stage finds place names in a parsed document (`find_toponyms`, and the places named inside
organisations' names and datelines, `within_names`), resolves each distinct name to the place
that best fits the story (`resolve_places`) and puts the document's entities on the map
(`locate`, `locate_entities`). Places the gazetteer lacks (a pass, a gorge, a sea) come from the
knowledge file (`rashomon.kb`). Modules, in the order the flow uses them:

- `model`: Toponym and Place, the kinds of place;
- `rules`: the knowledge of data/places.yaml, and how names are folded for lookup;
- `geonames`: the gazetteer (GeoNames towns, provinces, counties, countries), built and cached;
- `lookup`: the places a name may be; `notable` names, rarely meant otherwise;
- `within`: places inside organisations' names and in datelines;
- `toponyms`: place names in a Doc;
- `reading`: how a toponym reads (feature words, "Paris, Ill.");
- `resolution`: the candidate that fits the story, with its `Weights`;
- `homes`: where an outlet's readers live, from the places its documents name with no doubt, and
  its documents' names read again near there (the corpus step `corpus.homes` runs it);
- `story`: entities on the map; `estimate`: places no gazetteer holds, put where their text
  says, with a radius; `distance`: great-circle distances.
"""

from rashomon.extract.places.distance import km
from rashomon.extract.places.estimate import estimate_places
from rashomon.extract.places.geonames import GAZETTEER_VERSION, Gazetteer, gazetteer
from rashomon.extract.places.lookup import NOTABLE_TOWN, notable
from rashomon.extract.places.model import Place, Toponym
from rashomon.extract.places.reading import feature_name
from rashomon.extract.places.resolution import Weights, resolve_places
from rashomon.extract.places.story import PERSON_AS_PLACE, STORY_RADIUS_KM, locate, locate_entities
from rashomon.extract.places.toponyms import find_toponyms
from rashomon.extract.places.within import datelines, names_inside, within_names

__all__ = [
    "GAZETTEER_VERSION",
    "NOTABLE_TOWN",
    "PERSON_AS_PLACE",
    "STORY_RADIUS_KM",
    "Gazetteer",
    "Place",
    "Toponym",
    "Weights",
    "datelines",
    "estimate_places",
    "feature_name",
    "find_toponyms",
    "gazetteer",
    "km",
    "locate",
    "locate_entities",
    "names_inside",
    "notable",
    "resolve_places",
    "within_names",
]

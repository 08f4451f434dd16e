"""The demo catalog as plain data: programmes, places, categories, producers and their products.

The places, crafts and programmes are real; the cooperatives, their people and certificate
numbers are invented for the demo. Every row has a natural key (slug or e-mail) so the seed can
run again without making duplicates. Dates are given relative to the day of the seed so the
certificates stay current however late the demo is run.
"""

DEMO_PASSWORD = "ovop-demo-2026"

USERS = [
    {
        "email": "officer@ovop.market", "full_name": "Lê Thu Hà", "language": "en",
        "is_staff": True, "is_superuser": True,
        "role": "programme officer (staff, superuser): the admin at /admin/",
    },
    {
        "email": "buyer@ovop.market", "full_name": "Aiko Mori", "language": "en",
        "role": "buyer, with five orders to follow: cart and checkout at /cart/, orders at /accounts/orders/",
    },
    {
        "email": "artisan@ovop.market", "full_name": "Nguyễn Thị Lan", "language": "vi",
        "role": "artisan, owner of the Bát Tràng blue-glaze cooperative: the seller centre at /seller/",
    },
]

# Who owns which demo cooperative, so the artisan's seller centre has something in it.
MEMBERSHIPS = [
    {"email": "artisan@ovop.market", "cooperative": "bat-trang-blue-glaze-cooperative", "role": "owner"},
]

# --- Programmes and their grade scales ------------------------------------------------------------

PROGRAMMES = [
    {
        "slug": "ocop-viet-nam", "code": "OCOP", "economy": "viet-nam", "position": 1,
        "name": "OCOP — One Commune One Product (Viet Nam)",
        "description": (
            "Viet Nam's national programme, run commune by commune since 2018. A product is scored out of "
            "100 against three groups of criteria and ranked from one to five stars. Three-star products are "
            "recognised by the district, four-star by the province and five-star nationally; a certificate is "
            "valid for 36 months."
        ),
        "validity_months": 36,
        "rubric": [
            {"key": "community", "label": "Product and community strength", "max": 40},
            {"key": "marketing", "label": "Marketing capacity", "max": 25},
            {"key": "quality", "label": "Product quality", "max": 35},
        ],
        "levels": [
            {"code": "5", "name": "5 stars", "rank": 5, "min_score": 90,
             "description": "90–100 points: national standard, able to compete internationally."},
            {"code": "4", "name": "4 stars", "rank": 4, "min_score": 70,
             "description": "70–89 points: meets the standard, can be raised to five stars."},
            {"code": "3", "name": "3 stars", "rank": 3, "min_score": 50,
             "description": "50–69 points: meets the standard, can be improved."},
            {"code": "2", "name": "2 stars", "rank": 2, "min_score": 30,
             "description": "30–49 points: can be improved to meet the standard."},
            {"code": "1", "name": "1 star", "rank": 1, "min_score": 0,
             "description": "Under 30 points: weak, needs development."},
        ],
    },
    {
        "slug": "otop-thailand", "code": "OTOP", "economy": "thailand", "position": 2,
        "name": "OTOP — One Tambon One Product (Thailand)",
        "description": (
            "Thailand's programme since 2001, run by the Community Development Department. An OTOP product is "
            "hand-made in a participating tambon (sub-district). In the OTOP Product Champion selection, products "
            "are rated from one to five stars."
        ),
        "levels": [
            {"code": "5", "name": "5 stars", "rank": 5, "description": "Export quality with a strong brand."},
            {"code": "4", "name": "4 stars", "rank": 4, "description": "National quality, able to reach export."},
            {"code": "3", "name": "3 stars", "rank": 3, "description": "Average quality, can be raised to four stars."},
            {"code": "2", "name": "2 stars", "rank": 2, "description": "Can be developed to three stars."},
            {"code": "1", "name": "1 star", "rank": 1, "description": "Needs substantial development."},
        ],
    },
    {
        "slug": "otop-product-champion", "code": "OTOP A–D", "economy": "thailand", "position": 3,
        "name": "OTOP Product Champion classes (Thailand)",
        "description": (
            "The campaign's classification of OTOP products into four groups by quality, volume and market: "
            "A, the best and exportable; B, identity products for a niche; C, the standard for the domestic "
            "market; D, products still to develop."
        ),
        "levels": [
            {"code": "A", "name": "Class A", "rank": 4,
             "description": "Best: high quality in quantity, exportable, strong brand."},
            {"code": "B", "name": "Class B", "rank": 3,
             "description": "Identity: high quality, small production, a niche market."},
            {"code": "C", "name": "Class C", "rank": 2,
             "description": "Standard: average quality, large production for the domestic market."},
            {"code": "D", "name": "Class D", "rank": 1,
             "description": "Develop: small production for the local market, to be improved."},
        ],
    },
    {
        "slug": "ovop-oita", "code": "OVOP Oita", "economy": "japan", "position": 4,
        "name": "One Village One Product movement (Ōita, Japan)",
        "description": (
            "The movement Governor Morihiko Hiramatsu began in Ōita Prefecture in 1979: each community chooses a "
            "product it can be proud of and brings it to markets in Japan and abroad. It names products rather "
            "than grading them."
        ),
        "levels": [
            {"code": "selected", "name": "Selected", "rank": 1,
             "description": "Named an Ōita One Village One Product."},
        ],
    },
    {
        "slug": "ovop-indonesia", "code": "OVOP ID", "economy": "indonesia", "position": 5,
        "name": "OVOP Indonesia awards (Ministry of Industry)",
        "description": (
            "Indonesia's One Village One Product programme, since 2007. A selection committee assesses production, "
            "quality, management and marketing, and community and environment, and awards one to five stars."
        ),
        "levels": [
            {"code": "5", "name": "5 stars", "rank": 5, "description": "Best in class, ready for export."},
            {"code": "4", "name": "4 stars", "rank": 4, "description": "Strong product and management."},
            {"code": "3", "name": "3 stars", "rank": 3, "description": "Good product with room to grow."},
            {"code": "2", "name": "2 stars", "rank": 2, "description": "Developing."},
            {"code": "1", "name": "1 star", "rank": 1, "description": "Starting out."},
        ],
    },
    {
        "slug": "sdsi-malaysia", "code": "SDSI", "economy": "malaysia", "position": 6,
        "name": "SDSI — Satu Daerah Satu Industri, One District One Industry (Malaysia)",
        "description": (
            "Malaysia's programme since 2003, following Satu Kampung Satu Produk (1992): each district develops "
            "one industry — food, crafts, health products or homestays — from its own resources."
        ),
        "levels": [
            {"code": "district", "name": "District industry", "rank": 1,
             "description": "A product of the district's chosen SDSI industry."},
        ],
    },
    {
        "slug": "odop-laos", "code": "ODOP", "economy": "laos", "position": 7,
        "name": "ODOP — One District One Product (Lao PDR)",
        "description": (
            "Laos' programme under the Ministry of Industry and Commerce: districts put forward their best "
            "product, selected at district, provincial or national level."
        ),
        "levels": [
            {"code": "national", "name": "National selection", "rank": 3, "description": "Selected nationally."},
            {"code": "provincial", "name": "Provincial selection", "rank": 2,
             "description": "Selected by the province."},
            {"code": "district", "name": "District selection", "rank": 1,
             "description": "Selected by the district."},
        ],
    },
    {
        "slug": "un-pueblo-un-producto", "code": "OTOP Perú", "economy": "peru", "position": 8,
        "name": "Un Pueblo, Un Producto — One Town One Product (Peru)",
        "description": (
            "Peru's one-town-one-product work, with JICA and JETRO, identifies the emblematic product of a town and "
            "helps its families improve, brand and sell it."
        ),
        "levels": [
            {"code": "emblematic", "name": "Emblematic product", "rank": 1,
             "description": "Recognised as the town's emblematic product."},
        ],
    },
]

# --- Categories ---------------------------------------------------------------------------------

CATEGORIES = [
    ("textiles", "Textiles", "Hand-woven, dyed and drawn cloth.", [
        ("silk", "Silk", "Mulberry silk, plain, patterned and ikat."),
        ("cotton-hemp", "Cotton & hemp", "Hand-spun and hand-woven plant fibres, often indigo-dyed."),
        ("batik", "Batik", "Cloth patterned with wax resist, drawn by hand or stamped."),
        ("brocade-songket", "Brocade & songket", "Supplementary-weft cloth, often with gold or silver thread."),
    ]),
    ("ceramics", "Ceramics", "Clay shaped by hand and fired.", [
        ("pottery", "Earthenware & terracotta", "Low-fired, porous, warm-coloured clay."),
        ("stoneware-porcelain", "Stoneware & porcelain", "High-fired, glazed pieces for the table and the home."),
    ]),
    ("food-drink", "Food & drink", "From village farms and kitchens.", [
        ("coffee", "Coffee", "Single-origin beans from smallholder farms."),
        ("tea", "Tea", "Hand-picked and hand-finished leaf."),
        ("spirits", "Spirits & liqueurs", "Distilled and steeped in small batches."),
        ("preserves", "Preserves", "Pickled, dried and pressed fruit, and what is made from it."),
        ("spices-condiments", "Spices & condiments", "Seasonings made the village way."),
        ("snacks", "Snacks", "Crackers and sweets to take home."),
    ]),
    ("crafts", "Crafts", "Objects made by hand from local materials.", [
        ("bamboo-rattan", "Bamboo & rattan", "Split, shaved and woven."),
        ("paper-paintings", "Paper & paintings", "Hand-made paper and what is printed or painted on it."),
        ("dolls-figurines", "Dolls & figurines", "Small figures of village life."),
    ]),
    ("home", "Home", "For the living room and the table.", [
        ("umbrellas-lanterns", "Umbrellas & lanterns", "Paper and cotton, on bamboo frames."),
        ("table-kitchen", "Table & kitchen", "Cloths, trays and boxes for everyday use."),
    ]),
]

# --- Regions: economy > province > district > village ------------------------------------------------
# A node is (slug, name, extra, children); villages carry their story, position and photos.


def village(slug, name, story, lat, lng, *, featured=False, photos=()):
    return (slug, name, {"story": story, "latitude": lat, "longitude": lng, "featured": featured,
                         "photos": list(photos)}, [])


REGIONS = [
    ("viet-nam", "Viet Nam", {"country_code": "VN", "story": (
        "Craft villages line the Red River delta and the central coast; the OCOP programme has graded "
        "thousands of their products since 2018.")}, [
        ("ha-noi", "Hà Nội", {}, [
            ("gia-lam", "Gia Lâm", {}, [
                village("bat-trang", "Bát Tràng", (
                    "A potters' village on the Red River, thirteen kilometres from central Hà Nội, making "
                    "ceramics since at least the fifteenth century. The white clay that first drew potters here "
                    "is long gone; today it comes by barge from Trúc Thôn, and the smoke of wood and coal kilns "
                    "has given way to gas. Old brick lanes still lead between family workshops where bowls dry "
                    "on racks in the sun."),
                    20.9753, 105.9125, featured=True, photos=[
                        ("Brick lanes of Bát Tràng with stacks of drying bowls (illustration)", "cobalt", "vessel"),
                        ("Kilns on the bank of the Red River at dusk (illustration)", "dusk", "vessel"),
                    ]),
            ]),
            ("ha-dong", "Hà Đông", {}, [
                village("van-phuc", "Vạn Phúc", (
                    "Silk has been woven in Vạn Phúc for about a thousand years; its cloud-patterned lụa vân was "
                    "once sewn into court dress. The clatter of looms carries from the houses behind the village "
                    "gate, and the main street is a long row of silk shops."),
                    20.9800, 105.7760, featured=True, photos=[
                        ("Bolts of patterned silk hanging in a Vạn Phúc shop (illustration)", "silk", "stripes"),
                    ]),
            ]),
            ("chuong-my", "Chương Mỹ", {}, [
                village("phu-vinh", "Phú Vinh", (
                    "A rattan-weaving village west of Hà Nội where almost every household splits and weaves cane; "
                    "baskets from Phú Vinh have been sold at the capital's markets for generations."),
                    20.9200, 105.6600),
            ]),
        ]),
        ("bac-ninh", "Bắc Ninh", {}, [
            ("thuan-thanh", "Thuận Thành", {}, [
                village("dong-ho", "Đông Hồ", (
                    "On the Đuống River, Đông Hồ has printed folk pictures from carved wooden blocks for some four "
                    "hundred years. Before Tết the village once filled with prints drying in the yards; a few "
                    "families keep the blocks and the natural colours alive."),
                    21.0520, 106.0850),
            ]),
        ]),
        ("quang-nam", "Quảng Nam", {}, [
            ("hoi-an", "Hội An", {}, [
                village("thanh-ha", "Thanh Hà", (
                    "A terracotta village on the Thu Bồn River three kilometres west of Hội An's old town. Its "
                    "bricks and roof tiles built the old merchant houses; today its potters also make "
                    "planters, whistles and lamps."),
                    15.8770, 108.3070),
            ]),
        ]),
        ("ninh-thuan", "Ninh Thuận", {}, [
            ("ninh-phuoc", "Ninh Phước", {}, [
                village("bau-truc", "Bàu Trúc", (
                    "A Cham village where women shape pots without a wheel, walking backwards around the clay, and "
                    "fire them in the open under straw and wood. UNESCO listed the Cham art of pottery-making for "
                    "urgent safeguarding in 2022."),
                    11.5270, 108.9390),
            ]),
        ]),
        ("ha-giang", "Hà Giang", {}, [
            ("quan-ba", "Quản Bạ", {}, [
                village("lung-tam", "Lùng Tám", (
                    "A Hmong commune in the limestone mountains near the Chinese border, where women still grow "
                    "hemp, split and splice its fibre by hand and weave it into cloth for skirts and baby "
                    "carriers."),
                    23.0600, 104.9600),
            ]),
        ]),
        ("thai-nguyen", "Thái Nguyên", {}, [
            ("thai-nguyen-city", "Thái Nguyên city", {}, [
                village("tan-cuong", "Tân Cương", (
                    "Rolling tea hills west of Thái Nguyên city, the name Vietnamese tea drinkers know best. "
                    "Families pick by hand and still finish much of their tea in iron pans over wood fires."),
                    21.5800, 105.7700),
            ]),
        ]),
    ]),
    ("thailand", "Thailand", {"country_code": "TH", "story": (
        "Since 2001 the OTOP programme has given every tambon a product of its own; silk from the northeast, "
        "umbrellas from Chiang Mai and coffee from the northern hills are among the best known.")}, [
        ("surin", "Surin", {}, [
            ("mueang-surin", "Mueang Surin", {}, [
                village("ban-tha-sawang", "Ban Tha Sawang", (
                    "A village just outside Surin whose weavers revived the court technique of gold brocade silk, "
                    "woven by several people at one loom. Silk from Ban Tha Sawang was chosen for the leaders' "
                    "shirts at the APEC meeting in Bangkok in 2003."),
                    14.9300, 103.4200),
            ]),
        ]),
        ("khon-kaen", "Khon Kaen", {}, [
            ("chonnabot-district", "Chonnabot District", {}, [
                village("chonnabot", "Chonnabot", (
                    "The mudmee silk town of Isan. Nearly every house has a loom under it, and the tie-dyed patterns "
                    "are passed from mother to daughter; the town holds a silk museum and a silk fair each year."),
                    16.0800, 102.6200, featured=True, photos=[
                        ("Mudmee silk threads tied in bundles before dyeing (illustration)", "silk", "ikat"),
                        ("Looms beneath a stilt house in Chonnabot (illustration)", "dusk", "ikat"),
                    ]),
            ]),
        ]),
        ("chiang-mai", "Chiang Mai", {}, [
            ("san-kamphaeng", "San Kamphaeng", {}, [
                village("bo-sang", "Bo Sang", (
                    "The umbrella village east of Chiang Mai. Frames are split from bamboo, covered in sa paper or "
                    "cotton and painted by hand; each January the village holds its umbrella festival."),
                    18.7650, 99.0750),
            ]),
        ]),
        ("sakon-nakhon", "Sakon Nakhon", {}, [
            ("phanna-nikhom", "Phanna Nikhom", {}, [
                village("ban-don-koi", "Ban Don Koi", (
                    "A weaving village in Sakon Nakhon, the province of indigo. Women ferment the leaves of the "
                    "khram plant into dye and weave the blue cotton on looms under their houses."),
                    17.3500, 103.8500),
            ]),
        ]),
        ("chiang-rai", "Chiang Rai", {}, [
            ("mae-suai", "Mae Suai", {}, [
                village("doi-chang", "Doi Chang", (
                    "An Akha and Lisu mountain village at about 1,200–1,700 metres where coffee replaced opium "
                    "from the 1980s; its arabica now carries a geographical indication."),
                    19.8200, 99.5600),
            ]),
        ]),
        ("ang-thong", "Ang Thong", {}, [
            ("pa-mok", "Pa Mok", {}, [
                village("bang-sadet", "Bang Sadet", (
                    "A village on the Chao Phraya plain whose families make tukata chao wang, tiny clay dolls "
                    "of everyday Thai life, a craft begun here in the 1970s with royal support."),
                    14.4900, 100.4400),
            ]),
        ]),
    ]),
    ("laos", "Laos", {"country_code": "LA", "story": (
        "Most Lao people live in the countryside and many weave, make paper or carve; the One District One "
        "Product programme helps them reach buyers in Japan and beyond.")}, [
        ("luang-prabang", "Luang Prabang", {}, [
            ("luang-prabang-district", "Luang Prabang District", {}, [
                village("ban-xang-khong", "Ban Xang Khong", (
                    "A village on the Mekong a short ride north of the old royal town, where families beat "
                    "mulberry bark into sa paper, press flowers into it and weave on looms in open workshops."),
                    19.9050, 102.1480, featured=True, photos=[
                        ("Sheets of sa paper drying on frames in the sun (illustration)", "paper", "painting"),
                        ("A Ban Xang Khong lane beside the Mekong (illustration)", "forest", "painting"),
                    ]),
                village("ban-phanom", "Ban Phanom", (
                    "A Tai Lue weaving village east of Luang Prabang, near the tomb of the explorer Henri Mouhot, "
                    "whose weavers once made cloth for the royal court."),
                    19.8700, 102.1700),
            ]),
        ]),
    ]),
    ("japan", "Japan", {"country_code": "JP", "story": (
        "The One Village One Product movement began in Ōita Prefecture in 1979 and travelled from there to "
        "Thailand, Viet Nam, Laos, Malaysia and beyond.")}, [
        ("oita", "Ōita", {}, [
            ("hita", "Hita", {}, [
                village("oyama", "Ōyama", (
                    "A steep mountain town, now part of Hita, that gave up rice for plums and chestnuts in 1961 with "
                    "the slogan \"Plant plums and chestnuts and go to Hawaii\" — the seed of the OVOP movement."),
                    33.2400, 130.9800, featured=True, photos=[
                        ("Ume orchards on Ōyama's terraced slopes (illustration)", "plum", "fruit"),
                        ("Ume laid out on bamboo mats to dry in summer (illustration)", "plum", "fruit"),
                    ]),
            ]),
            ("yufu", "Yufu", {}, [
                village("yufuin", "Yufuin", (
                    "A hot-spring town below Mount Yufu whose inns have long kept their own kitchens and small "
                    "makers of preserves and condiments."),
                    33.2650, 131.3600),
            ]),
            ("usuki", "Usuki", {}, [
                village("nozu", "Nozu", (
                    "Farmland in the hills behind Usuki, where green kabosu hang in the orchards from August; "
                    "an old kabosu tree in Usuki is said to be about three hundred years old."),
                    33.0700, 131.7300),
            ]),
            ("bungo-ono", "Bungo-ōno", {}, [
                village("ogata", "Ogata", (
                    "Forest country in the south of Ōita, Japan's first prefecture for dried shiitake, grown the old "
                    "way on logs of sawtooth oak."),
                    32.9300, 131.4300),
            ]),
            ("beppu", "Beppu", {}, [
                village("higashisoen", "Higashisōen", (
                    "A hillside district of the spa city of Beppu and home of its bamboo craft, a designated "
                    "traditional craft of Japan since 1979."),
                    33.2800, 131.4900),
            ]),
            ("usa", "Usa", {}, [
                village("ajimu", "Ajimu", (
                    "A basin of rice terraces and barley fields inland from Usa; Ōita is the home of barley "
                    "shōchū."),
                    33.4100, 131.3500),
            ]),
        ]),
    ]),
    ("indonesia", "Indonesia", {"country_code": "ID", "story": (
        "Indonesia's OVOP programme has awarded batik, woven cloth, wickerwork, pottery and coffee since 2007; "
        "UNESCO recognised Indonesian batik in 2009.")}, [
        ("central-java", "Central Java", {}, [
            ("surakarta", "Surakarta", {}, [
                village("laweyan", "Laweyan", (
                    "Solo's old quarter of batik merchants, behind high walls on narrow lanes, where batik has been "
                    "made and traded for five centuries in the soft browns called sogan."),
                    -7.5730, 110.7950),
            ]),
            ("pekalongan", "Pekalongan", {}, [
                village("kauman-pekalongan", "Kauman", (
                    "A kampung by the great mosque of Pekalongan, the city of coastal batik, where copper stamps "
                    "print bright flowers and birds."),
                    -6.8900, 109.6750),
            ]),
        ]),
        ("yogyakarta", "Yogyakarta", {}, [
            ("bantul", "Bantul", {}, [
                village("giriloyo", "Giriloyo", (
                    "A hamlet below the royal tombs of Imogiri whose women drew batik for the palace's merchants. "
                    "After the 2006 earthquake they came together to sell under their own name, with natural dyes."),
                    -7.9300, 110.4000, featured=True, photos=[
                        ("Women drawing wax with the canting on stretched cloth (illustration)", "batik", "batik"),
                    ]),
                village("kasongan", "Kasongan", (
                    "A pottery village south of Yogyakarta city whose terracotta fills gardens across Java."),
                    -7.8500, 110.3400),
            ]),
        ]),
        ("bali", "Bali", {}, [
            ("bangli", "Bangli", {}, [
                village("kintamani", "Kintamani", (
                    "Highland villages on the rim of the Batur caldera, where arabica grows among citrus trees and "
                    "farmers organise in subak abian."),
                    -8.2500, 115.3300),
            ]),
        ]),
        ("west-nusa-tenggara", "West Nusa Tenggara", {}, [
            ("central-lombok", "Central Lombok", {}, [
                village("sukarara", "Sukarara", (
                    "A Sasak weaving village in Lombok where, it is said, a girl learns to weave songket before "
                    "she may marry."),
                    -8.7100, 116.2600),
            ]),
        ]),
    ]),
    ("malaysia", "Malaysia", {"country_code": "MY", "story": (
        "From Satu Kampung Satu Produk in 1992 to One District One Industry today, Malaysia's districts each "
        "build an industry on what they know best.")}, [
        ("perak", "Perak", {}, [
            ("kuala-kangsar", "Kuala Kangsar", {}, [
                village("kampung-sayong", "Kampung Sayong", (
                    "A riverside village on the Perak River, across from the royal town of Kuala Kangsar, known for "
                    "the black clay water gourd, the labu sayong."),
                    4.7900, 100.9300),
            ]),
        ]),
        ("kelantan", "Kelantan", {}, [
            ("kota-bharu", "Kota Bharu", {}, [
                village("kampung-penambang", "Kampung Penambang", (
                    "A village near the mouth of the Kelantan River, lined with batik and songket workshops."),
                    6.1400, 102.2400),
            ]),
        ]),
        ("terengganu", "Terengganu", {}, [
            ("kuala-terengganu", "Kuala Terengganu", {}, [
                village("losong", "Losong", (
                    "A fishing neighbourhood of Kuala Terengganu famous across Malaysia for keropok made from the "
                    "morning's catch."),
                    5.3200, 103.1200),
            ]),
        ]),
    ]),
    ("peru", "Peru", {"country_code": "PE", "story": (
        "Peru's one-town-one-product work helps towns build on an emblematic product, from coffee in the "
        "cloud forest to weaving in the Andes.")}, [
        ("pasco", "Pasco", {}, [
            ("oxapampa", "Oxapampa", {}, [
                village("villa-rica", "Villa Rica", (
                    "A coffee town in the high jungle of central Peru, at 1,400–1,800 metres, whose families "
                    "descend from Andean migrants and from the Austrian and German colonists of Oxapampa."),
                    -10.7300, -75.2700),
            ]),
        ]),
        ("cajamarca", "Cajamarca", {}, [
            ("san-ignacio", "San Ignacio", {}, [
                village("la-coipa", "La Coipa", (
                    "A district of steep coffee farms near the border with Ecuador, where a growing share of the "
                    "farms are run by women."),
                    -5.4000, -78.9100),
            ]),
        ]),
        ("cusco", "Cusco", {}, [
            ("urubamba", "Urubamba", {}, [
                village("chinchero", "Chinchero", (
                    "A Quechua town at 3,760 metres above the Sacred Valley; its weavers spin alpaca and sheep's wool "
                    "and dye it with cochineal, indigo and mountain plants."),
                    -13.3900, -72.0500),
            ]),
        ]),
        ("ayacucho", "Ayacucho", {}, [
            ("huamanga", "Huamanga", {}, [
                village("quinua", "Quinua", (
                    "A potters' town beside the Pampa de Ayacucho, where the battle of 1824 was fought; its ceramic "
                    "churches sit on roofs across the Andes to bless the house."),
                    -13.0500, -74.1400),
            ]),
        ]),
    ]),
]

# --- Cooperatives ---------------------------------------------------------------------------------
# kind: community_group, individual or community_sme. "verified" ones go draft → pending → verified;
# "pending" ones wait for the officer, and their products stay off the storefront.

COOPERATIVES = [
    # Viet Nam
    {"slug": "bat-trang-blue-glaze-cooperative", "name": "Hợp tác xã Gốm Men Lam Bát Tràng",
     "kind": "community_group", "village": "bat-trang", "founded_year": 1998, "members": 34, "women": 19,
     "story": (
         "Thirty-four potters from eleven families who share a gas kiln, a glaze room and a showroom on the "
         "village's market square. They work in cobalt blue under a clear glaze, the men lam Bát Tràng is "
         "known for, and train two apprentices a year.")},
    {"slug": "hong-crackle-glaze-workshop", "name": "Xưởng gốm rạn Hồng — Hồng's crackle-glaze workshop",
     "kind": "individual", "village": "bat-trang", "founded_year": 2012, "members": 3, "women": 2,
     "story": (
         "Bùi Thị Hồng learned crackle glazes from her father and opened her own workshop at twenty-six. She, her "
         "sister and one thrower make small batches; she still mixes every glaze herself.")},
    {"slug": "van-phuc-silk-weavers", "name": "Vạn Phúc Silk Weavers' Cooperative",
     "kind": "community_group", "village": "van-phuc", "founded_year": 2001, "members": 27, "women": 21,
     "story": (
         "Weaving families who pooled their jacquard looms when cheap imported cloth nearly emptied the "
         "village's workshops. They weave only silk, sell under one name and keep the old cloud patterns "
         "alongside new designs.")},
    {"slug": "dong-ho-folk-painting-workshop", "name": "Đông Hồ Folk Painting Family Workshop",
     "kind": "individual", "village": "dong-ho", "founded_year": 1986, "members": 6, "women": 3,
     "story": (
         "Three generations of one family keep about two hundred carved blocks, some older than a century, and "
         "still make every colour from leaves, flowers, shells and earth.")},
    {"slug": "thanh-ha-terracotta", "name": "Thanh Hà Terracotta Cooperative",
     "kind": "community_sme", "village": "thanh-ha", "founded_year": 2009, "members": 15, "women": 8,
     "story": (
         "Fifteen potters who throw and press red river clay into planters, lamps and whistles for Hội An's "
         "visitors and for garden shops in Đà Nẵng.")},
    {"slug": "bau-truc-cham-potters", "name": "Bàu Trúc Cham Women Potters' Group",
     "kind": "community_group", "village": "bau-truc", "founded_year": 2005, "members": 22, "women": 22,
     "story": (
         "Twenty-two Cham women, the youngest nineteen and the eldest seventy-four, who shape and fire pots "
         "together the way their grandmothers did. They joined up to buy clay and firewood in bulk and to "
         "sell beyond the village.")},
    {"slug": "lung-tam-hmong-linen", "name": "Lùng Tám Hmong Linen Weavers",
     "kind": "community_group", "village": "lung-tam", "founded_year": 2001, "members": 45, "women": 45,
     "story": (
         "Forty-five Hmong women who grow hemp, weave it and decorate it with beeswax and indigo. The "
         "cooperative lets them sell cloth to buyers in Hà Nội and abroad instead of to passing traders.")},
    {"slug": "tan-cuong-tea-cooperative", "name": "Tân Cương Tea Cooperative",
     "kind": "community_sme", "village": "tan-cuong", "founded_year": 2011, "members": 18, "women": 10,
     "story": (
         "Eighteen tea farming families with eleven hectares between them. They farm to VietGAP rules, "
         "share a finishing workshop and test every batch before it is packed.")},
    {"slug": "phu-vinh-rattan-bamboo", "name": "Phú Vinh Rattan & Bamboo Cooperative",
     "kind": "community_group", "village": "phu-vinh", "founded_year": 1999, "members": 40, "women": 26,
     "story": (
         "Forty weavers, most of them working at home between harvests, who buy rattan together and share a "
         "smoking room and a packing shed.")},
    # Thailand
    {"slug": "ban-tha-sawang-silk", "name": "กลุ่มทอผ้าไหมบ้านท่าสว่าง — Ban Tha Sawang Silk Weaving Group",
     "kind": "community_group", "village": "ban-tha-sawang", "founded_year": 1992, "members": 60, "women": 54,
     "story": (
         "Sixty weavers, dyers and pattern-makers who revived gold brocade from old court cloth. The group "
         "raises its own silkworms and trains young weavers from the surrounding villages.")},
    {"slug": "chonnabot-mudmee-silk", "name": "กลุ่มผ้าไหมมัดหมี่ชนบท — Chonnabot Mudmee Silk Group",
     "kind": "community_group", "village": "chonnabot", "founded_year": 1996, "members": 38, "women": 35,
     "story": (
         "Thirty-eight households who tie, dye and weave mudmee. They keep a shared book of more than two hundred "
         "patterns, some copied from their grandmothers' sarongs.")},
    {"slug": "bo-sang-umbrella-makers", "name": "Bo Sang Umbrella Makers",
     "kind": "community_sme", "village": "bo-sang", "founded_year": 1978, "members": 24, "women": 15,
     "story": (
         "A workshop of frame-makers, paper-makers and painters that still makes every part of an umbrella "
         "in the village, from bamboo rib to painted flower.")},
    {"slug": "don-koi-indigo", "name": "กลุ่มผ้าย้อมครามบ้านดอนกอย — Don Koi Indigo Cotton Group",
     "kind": "community_group", "village": "ban-don-koi", "founded_year": 2003, "members": 52, "women": 48,
     "story": (
         "Fifty-two weavers, mostly grandmothers and their daughters, who grow their own indigo and cotton. "
         "Weaving between rice seasons now earns more than the rice.")},
    {"slug": "doi-chang-coffee-growers", "name": "Doi Chang Akha Coffee Growers",
     "kind": "community_sme", "village": "doi-chang", "founded_year": 2006, "members": 31, "women": 14,
     "story": (
         "Thirty-one Akha and Lisu families who grow arabica under shade trees and process and roast it in "
         "the village instead of selling cherries to middlemen.")},
    {"slug": "bang-sadet-doll-makers", "name": "ตุ๊กตาชาววังบ้านบางเสด็จ — Bang Sadet Doll Makers",
     "kind": "community_group", "village": "bang-sadet", "founded_year": 1976, "members": 28, "women": 22,
     "story": (
         "Twenty-eight makers who mould, paint and dress tiny clay figures at tables in their front rooms, "
         "working in the afternoons after farm work.")},
    # Laos
    {"slug": "xang-khong-sa-paper", "name": "Xang Khong Sa Paper Group",
     "kind": "community_group", "village": "ban-xang-khong", "founded_year": 2004, "members": 19, "women": 15,
     "story": (
         "Nineteen paper-makers who gather mulberry bark from the hills upriver and sell paper, notebooks and "
         "lanterns from a shared workshop on the village's main lane.")},
    {"slug": "ban-phanom-weavers", "name": "Ban Phanom Weavers' Group",
     "kind": "community_group", "village": "ban-phanom", "founded_year": 1998, "members": 36, "women": 36,
     "story": (
         "Thirty-six Tai Lue women weavers. Their bags were among the first Lao handicrafts sold in Japan, and "
         "the group has worked on designs with Japanese buyers since.")},
    # Japan
    {"slug": "oyama-ume-growers", "name": "Ōyama Ume Growers' Association",
     "kind": "community_sme", "village": "oyama", "founded_year": 1961, "members": 120, "women": 58,
     "story": (
         "The association that grew from the town's decision in 1961 to plant plums and chestnuts instead of "
         "rice. Its 120 members farm small steep orchards and share a pickling house.")},
    {"slug": "nozu-kabosu-farmers", "name": "Nozu Kabosu Farmers' Group",
     "kind": "community_group", "village": "nozu", "founded_year": 1983, "members": 26, "women": 9,
     "story": (
         "Twenty-six citrus growers who press the fruit themselves rather than sending it away, so the juice "
         "leaves Nozu the week it is picked.")},
    {"slug": "ogata-forest-shiitake", "name": "Ogata Forest Shiitake",
     "kind": "individual", "village": "ogata", "founded_year": 1972, "members": 4, "women": 2,
     "story": (
         "The Kudō family, two generations growing shiitake on oak logs in their own woods, on the same "
         "hillside since 1972.")},
    {"slug": "higashisoen-bamboo-studio", "name": "Higashisōen Bamboo Studio",
     "kind": "individual", "village": "higashisoen", "founded_year": 2008, "members": 3, "women": 2,
     "story": (
         "Sayaka Endō trained at Beppu's bamboo craft school and opened this studio with her husband; a former "
         "student now weaves with them.")},
    {"slug": "ajimu-barley-distillery", "name": "Ajimu Barley Shōchū Distillery",
     "kind": "community_sme", "village": "ajimu", "founded_year": 1921, "members": 11, "women": 3,
     "story": (
         "A small distillery of eleven people, run by the fourth generation of its founding family, that "
         "buys barley from the farms around it.")},
    {"slug": "yufuin-yuzu-kitchen", "name": "Yufuin Yuzu Kitchen",
     "kind": "individual", "village": "yufuin", "founded_year": 2015, "members": 2, "women": 2,
     "story": (
         "Two sisters who took over their grandmother's recipe and make yuzu kosho in a small kitchen behind "
         "their family's inn.")},
    # Indonesia
    {"slug": "laweyan-batik-tulis", "name": "Laweyan Batik Tulis House",
     "kind": "community_sme", "village": "laweyan", "founded_year": 1998, "members": 18, "women": 11,
     "story": (
         "A merchant house in Laweyan that went back to hand-drawn batik after decades of printing. Eighteen "
         "people draw, dye and finish cloth in the courtyard behind the shop.")},
    {"slug": "giriloyo-women-batik", "name": "Giriloyo Women's Batik Collective",
     "kind": "community_group", "village": "giriloyo", "founded_year": 2007, "members": 80, "women": 80,
     "story": (
         "Eighty women from three hamlets who drew batik for city merchants for generations. After the 2006 "
         "earthquake they formed their own collective, switched to natural dyes and now sell under their own "
         "name.")},
    {"slug": "kauman-batik-cap", "name": "Kauman Batik Cap Workshop",
     "kind": "community_sme", "village": "kauman-pekalongan", "founded_year": 1985, "members": 14, "women": 6,
     "story": (
         "A stamping workshop of fourteen people with some four hundred copper stamps, many of them made in "
         "Pekalongan by stamp-makers who are now few.")},
    {"slug": "kasongan-earthenware", "name": "Kasongan Earthenware Group",
     "kind": "community_group", "village": "kasongan", "founded_year": 1995, "members": 25, "women": 12,
     "story": (
         "Twenty-five potters, many of them married couples, who share clay pits, kilns and a showroom on the "
         "village road.")},
    {"slug": "kintamani-subak-abian-coffee", "name": "Kintamani Subak Abian Coffee Farmers",
     "kind": "community_group", "village": "kintamani", "founded_year": 2010, "members": 64, "women": 22,
     "story": (
         "Sixty-four farmers of one subak abian, the Balinese upland farmers' organisation, who pick only ripe "
         "red cherries and process them together at a shared wet mill.")},
    {"slug": "sukarara-songket", "name": "Sukarara Songket Weavers",
     "kind": "community_group", "village": "sukarara", "founded_year": 2000, "members": 40, "women": 40,
     "story": (
         "Forty Sasak weavers who weave on backstrap looms on their verandas and sell together so no one has "
         "to undercut a neighbour.")},
    # Malaysia
    {"slug": "sayong-labu-potters", "name": "Sayong Labu Potters",
     "kind": "community_group", "village": "kampung-sayong", "founded_year": 1990, "members": 12, "women": 9,
     "story": (
         "Twelve potters keeping the labu sayong alive; most learned from their mothers, and two are in their "
         "twenties.")},
    {"slug": "penambang-batik-songket", "name": "Penambang Batik & Songket Workshop",
     "kind": "community_sme", "village": "kampung-penambang", "founded_year": 1988, "members": 16, "women": 10,
     "story": (
         "Sixteen artisans, batik painters at the front of the house and songket weavers at the back, who have "
         "sold from the same riverside shop for more than thirty years.")},
    {"slug": "losong-keropok-makers", "name": "Losong Keropok Makers",
     "kind": "community_group", "village": "losong", "founded_year": 2002, "members": 20, "women": 17,
     "status": "pending",
     "pending_reason": "Registration sent; waiting for the renewed halal certificate before verification.",
     "story": (
         "Twenty neighbours, most of them women, who make keropok each morning from fish landed at the Kuala "
         "Terengganu jetty.")},
    # Peru
    {"slug": "villa-rica-highland-coffee", "name": "Villa Rica Highland Coffee Growers",
     "kind": "community_group", "village": "villa-rica", "founded_year": 2004, "members": 48, "women": 17,
     "story": (
         "Forty-eight smallholders on farms of two to five hectares, who grow coffee under guava and pacae "
         "shade trees and cup every lot before it is sold.")},
    {"slug": "la-coipa-women-coffee", "name": "Café de Mujeres La Coipa",
     "kind": "community_group", "village": "la-coipa", "founded_year": 2012, "members": 35, "women": 35,
     "story": (
         "Thirty-five women who own or run their farms and sell their coffee separately, so the money reaches "
         "them directly.")},
    {"slug": "chinchero-weavers", "name": "Chinchero Weavers' Association",
     "kind": "community_group", "village": "chinchero", "founded_year": 1996, "members": 30, "women": 27,
     "story": (
         "Thirty weavers who set out to bring back natural dyes and old patterns their grandmothers still "
         "remembered; they teach children to weave on Saturdays.")},
    {"slug": "quinua-ceramics-workshop", "name": "Quinua Ceramics Workshop",
     "kind": "individual", "village": "quinua", "founded_year": 1994, "members": 5, "women": 2,
     "status": "pending",
     "pending_reason": "Registration sent; the tax number does not match the name on the form yet.",
     "story": (
         "A family of five potters who make the churches, bulls and musicians Quinua is known for, fired in a "
         "wood kiln behind the house.")},
]

# --- Products -------------------------------------------------------------------------------------
# status: "approved" (the default), "submitted", "changes_requested" or "draft".
# Photos are alt texts; their pictures are drawn at seed time in the product's palette and motif.
# A grade's expiry follows its programme's validity unless it gives "valid_months".

PRODUCTS = [
    # --- Bát Tràng Blue Glaze Cooperative ---
    {
        "slug": "bat-trang-blue-glaze-tea-set", "cooperative": "bat-trang-blue-glaze-cooperative",
        "name": "Gốm Bát Tràng men lam — blue-glaze tea set", "label": "Bát Tràng blue-glaze tea set",
        "category": "stoneware-porcelain", "featured": True,
        "summary": "A teapot and six cups painted by hand in cobalt under a clear glaze, the classic Bát Tràng blue.",
        "makers": (
            "Thrown by Nguyễn Văn Tuấn and painted by Phạm Thị Mai, who has painted chrysanthemums on Bát Tràng "
            "teapots for twenty-two years; the cooperative's apprentices glaze and pack."),
        "materials": (
            "Trúc Thôn white clay blended with kaolin, cobalt oxide ground in the workshop, and a clear glaze of "
            "feldspar and rice-husk ash."),
        "process": (
            "Each piece is thrown on the wheel, trimmed when leather-hard and painted freehand with a buffalo-hair "
            "brush. After dipping in glaze it is fired once, to about 1,280 °C, for fourteen hours."),
        "place": (
            "Bát Tràng has made ceramics beside the Red River for more than five hundred years; the cooperative's "
            "showroom is on the old market square."),
        "use": (
            "Holds about 600 ml, enough for six small cups of green or lotus tea. The lid is fitted to its own "
            "pot, so every set is slightly different."),
        "care": (
            "Dishwasher safe, but the painting stays brightest if washed by hand. Warm the pot with hot water "
            "before pouring boiling water into it."),
        "price": "48.00", "stock": 14, "weight": 1600, "size": (32, 24, 14), "fragile": True,
        "palette": "cobalt", "motif": "vessel",
        "photos": [
            "Blue-glazed teapot and six cups on a bamboo tray (illustration)",
            "Close-up of the hand-painted chrysanthemum on the teapot's side (illustration)",
            "The cooperative's showroom on Bát Tràng's market square (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "4", "issued_at": "province",
                    "certificate": "OCOP-HN-GL-0217", "issued_days_ago": 410,
                    "scores": {"community": 33, "marketing": 19, "quality": 28}}],
    },
    {
        "slug": "bat-trang-blue-and-white-vase", "cooperative": "bat-trang-blue-glaze-cooperative",
        "name": "Bình hoa men lam — blue-and-white baluster vase, 38 cm", "label": "Blue-and-white vase",
        "category": "stoneware-porcelain",
        "summary": "A tall vase painted with lotus and herons, after the Lê dynasty wares Bát Tràng sent to Japan.",
        "makers": (
            "Thrown in two sections by Lê Văn Hùng, the cooperative's most senior thrower, and painted over two "
            "days by Phạm Thị Mai."),
        "materials": "Trúc Thôn clay with kaolin, cobalt blue, and the cooperative's ash-and-feldspar glaze.",
        "process": (
            "The body and neck are thrown separately and joined when firm. The lotus pond is outlined first, "
            "then washed in with diluted cobalt; the vase dries for a week before its single glaze firing."),
        "place": (
            "Bát Tràng's blue-and-white once travelled to Japan as \"Kōchi ware\"; the cooperative studies old "
            "pieces at the village museum for its patterns."),
        "use": "For tall branches of peach blossom at Tết, lotus in summer, or on its own.",
        "care": "Glazed inside and watertight. Wipe with a damp cloth; do not leave in freezing water.",
        "price": "86.00", "stock": 5, "weight": 3200, "size": (22, 22, 38), "fragile": True,
        "palette": "cobalt", "motif": "vessel",
        "photos": [
            "Tall blue-and-white vase with a lotus pond and two herons (illustration)",
            "The heron painted in blue on the vase's shoulder (illustration)",
            "Vases drying on wooden boards before firing (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "4", "issued_at": "province",
                    "certificate": "OCOP-HN-GL-0218", "issued_days_ago": 410,
                    "scores": {"community": 32, "marketing": 18, "quality": 29}}],
    },
    {
        "slug": "bat-trang-rice-bowls-set-of-four", "cooperative": "bat-trang-blue-glaze-cooperative",
        "name": "Bát cơm men lam — rice bowls, set of four", "label": "Blue-glaze rice bowls",
        "category": "stoneware-porcelain",
        "summary": "Everyday rice bowls with a band of blue waves, the kind Hà Nội families eat from.",
        "makers": "Thrown by the cooperative's apprentices and painted by the younger painters under Mai's eye.",
        "materials": "Trúc Thôn clay, cobalt, clear glaze.",
        "process": (
            "Thrown off the hump, twenty bowls from one mound of clay, trimmed with a bamboo tool and banded with "
            "a brush while turning slowly on the wheel."),
        "place": "Made in the cooperative's shared workshop two lanes back from the river dyke.",
        "use": "Rice, noodles or soup; each bowl holds about 350 ml.",
        "care": "Dishwasher and microwave safe.",
        "price": "26.00", "stock": 30, "weight": 1400, "size": (24, 24, 14), "fragile": True,
        "palette": "cobalt", "motif": "bowl",
        "photos": [
            "Four rice bowls with a blue wave band, stacked (illustration)",
            "The wave band painted around a bowl's rim (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "3", "issued_at": "district",
                    "certificate": "OCOP-GL-0944", "issued_days_ago": 260,
                    "scores": {"community": 26, "marketing": 14, "quality": 22}}],
    },
    # --- Hồng's crackle-glaze workshop ---
    {
        "slug": "bat-trang-crackle-glaze-jar", "cooperative": "hong-crackle-glaze-workshop",
        "name": "Men rạn cổ — antique crackle-glaze jar", "label": "Crackle-glaze jar",
        "category": "stoneware-porcelain",
        "summary": "A lidded jar in ivory crackle glaze, its fine network of lines darkened with tea.",
        "makers": "Made from start to finish by Bùi Thị Hồng, who signs the foot of every piece.",
        "materials": (
            "Stoneware clay and a crackle glaze Hồng mixes from her father's notes; the lines are stained with "
            "strong tea."),
        "process": (
            "The glaze shrinks faster than the clay as the kiln cools, and it crazes. Hồng rubs tea into the warm "
            "jar so the cracks turn brown, then wipes the surface clean."),
        "place": "Hồng's workshop is on the ground floor of her family's house in Bát Tràng's oldest lane.",
        "use": "For tea leaves, rice or as a piece on its own. The lid fits snugly.",
        "care": "The crackle is in the glaze, not the clay: the jar is sound. Wipe clean; do not soak.",
        "price": "64.00", "stock": 6, "weight": 1900, "size": (18, 18, 24), "fragile": True,
        "palette": "amber", "motif": "vessel",
        "photos": [
            "Ivory lidded jar covered in a web of fine brown cracks (illustration)",
            "Close-up of the crackle glaze stained with tea (illustration)",
            "Bùi Thị Hồng's workshop in an old lane of Bát Tràng (illustration)",
        ],
        "grades": [
            {"programme": "ocop-viet-nam", "level": "3", "issued_at": "district", "certificate": "OCOP-GL-0412",
             "issued_days_ago": 1230, "scores": {"community": 24, "marketing": 13, "quality": 25}},
            {"programme": "ocop-viet-nam", "level": "4", "issued_at": "province", "certificate": "OCOP-HN-GL-0391",
             "issued_days_ago": 95, "scores": {"community": 29, "marketing": 17, "quality": 28}},
        ],
    },
    {
        "slug": "bat-trang-crackle-tea-cups", "cooperative": "hong-crackle-glaze-workshop",
        "name": "Chén men rạn — crackle-glaze tea cups, set of six", "label": "Crackle-glaze tea cups",
        "category": "stoneware-porcelain",
        "summary": "Six small cups in celadon crackle; sold out until the next firing.",
        "makers": "Thrown by Hồng's sister Bùi Thị Hạnh; glazed and fired by Hồng.",
        "materials": "Stoneware clay, celadon crackle glaze, tea for staining.",
        "process": "Thrown in a row of six on one afternoon so they match, fired together in one kiln load.",
        "place": "Bát Tràng, in the workshop that Hồng opened in 2012.",
        "use": "For green tea or a small measure of rice wine. Each holds about 60 ml.",
        "care": "Wash by hand; the crackle darkens slowly with use, which tea drinkers prize.",
        "price": "24.00", "stock": 0, "weight": 600, "size": (20, 14, 6), "fragile": True,
        "palette": "celadon", "motif": "bowl",
        "photos": [
            "Six small celadon cups with fine crackle (illustration)",
            "Crackle lines on a cup's pale green glaze (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "3", "issued_at": "district",
                    "certificate": "OCOP-GL-0413", "issued_days_ago": 540,
                    "scores": {"community": 23, "marketing": 14, "quality": 24}}],
    },
    {
        "slug": "bat-trang-kiln-change-vase", "cooperative": "hong-crackle-glaze-workshop", "status": "draft",
        "name": "Men hỏa biến — kiln-change glaze vase", "label": "Kiln-change glaze vase",
        "category": "stoneware-porcelain",
        "summary": "A new glaze that turns from red to blue in the flame; Hồng is still photographing it.",
        "makers": "Bùi Thị Hồng.",
        "materials": "Stoneware clay and a copper-bearing glaze.",
        "process": "Fired in reduction, where the copper can turn red, purple or blue depending on the flame.",
        "place": "Bát Tràng.",
        "use": "A single stem or dried grasses.",
        "care": "Wipe with a dry cloth.",
        "price": "72.00", "stock": 3, "weight": 1100, "size": (12, 12, 26), "fragile": True,
        "palette": "plum", "motif": "vessel",
        "photos": ["Slender vase with a glaze shading from red to blue (illustration)",
                   "Where the red glaze breaks to blue at the shoulder (illustration)"],
    },
    # --- Vạn Phúc Silk Weavers ---
    {
        "slug": "van-phuc-jacquard-silk-scarf", "cooperative": "van-phuc-silk-weavers",
        "name": "Lụa Vạn Phúc — jacquard silk scarf", "label": "Vạn Phúc silk scarf",
        "category": "silk", "featured": True,
        "summary": "A long scarf of lụa vân, Vạn Phúc's cloud-patterned silk, woven on a punched-card loom.",
        "makers": (
            "Woven by Đỗ Thị Nga, whose family has had a loom in the house for four generations, and finished "
            "by the cooperative's two dyers."),
        "materials": "Mulberry silk thread from Bảo Lộc in Lâm Đồng, plant and low-impact dyes.",
        "process": (
            "The pattern is punched into a chain of cards that lift the warp threads one row at a time; a scarf "
            "takes a day and a half to weave and is dyed after weaving."),
        "place": (
            "Vạn Phúc has woven silk for about a thousand years; the cooperative's looms are in houses on the lane "
            "behind the communal house."),
        "use": "A light scarf for spring and autumn, or a wrap in air-conditioned rooms. 180 × 55 cm.",
        "care": "Hand-wash cold with a little shampoo, dry in the shade and iron on the silk setting.",
        "price": "38.00", "stock": 22, "weight": 90, "size": (180, 55, 0.2),
        "palette": "silk", "motif": "stripes",
        "photos": [
            "A folded plum silk scarf with a faint cloud pattern (illustration)",
            "The cloud pattern in the silk's weave, close up (illustration)",
            "A jacquard loom with punched cards in a Vạn Phúc house (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "4", "issued_at": "province",
                    "certificate": "OCOP-HN-HD-0087", "issued_days_ago": 300,
                    "scores": {"community": 34, "marketing": 20, "quality": 29}}],
    },
    {
        "slug": "van-phuc-plain-mulberry-silk", "cooperative": "van-phuc-silk-weavers",
        "name": "Lụa tơ tằm — plain mulberry silk, 2 metres", "label": "Plain mulberry silk",
        "category": "silk",
        "summary": "Two metres of plain-weave silk, 90 cm wide, for a dress, an áo dài lining or a shirt.",
        "makers": "Woven by the cooperative's younger weavers on its six power-assisted looms.",
        "materials": "Mulberry silk from Lâm Đồng, degummed and dyed in the village.",
        "process": "Woven plain, degummed in warm water so the silk softens and shines, then dyed by the length.",
        "place": "Vạn Phúc, Hà Đông.",
        "use": "Dressmaking. Choose from ivory, indigo, lotus pink and tea brown.",
        "care": "Dry clean or hand-wash cold; pre-wash before cutting.",
        "price": "56.00", "stock": 40, "weight": 160, "size": (30, 22, 3),
        "palette": "silk", "motif": "stripes",
        "photos": [
            "Four bolts of plain silk in ivory, indigo, pink and brown (illustration)",
            "The sheen of plain-weave silk, close up (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "3", "issued_at": "district",
                    "certificate": "OCOP-HD-0152", "issued_days_ago": 200,
                    "scores": {"community": 27, "marketing": 15, "quality": 23}}],
    },
    {
        "slug": "van-phuc-silk-ao-dai-made-to-measure", "cooperative": "van-phuc-silk-weavers",
        "name": "Áo dài lụa Vạn Phúc — made to measure", "label": "Vạn Phúc silk áo dài",
        "category": "silk",
        "summary": "An áo dài cut and sewn to your measurements in the village, from silk woven there.",
        "makers": "Tailored by Trần Thị Thu, the cooperative's seamstress, from silk woven by its members.",
        "materials": "Vạn Phúc jacquard silk for the tunic; plain silk for the trousers.",
        "process": (
            "Send your measurements with the order (a guide is included); Thu cuts, sews and hand-finishes the "
            "collar and side seams."),
        "place": "Sewn in the cooperative's shop on Vạn Phúc's silk street.",
        "use": "Weddings, Tết, graduations and other occasions.",
        "care": "Dry clean only.",
        "price": "145.00", "stock": 0, "made_to_order": True, "lead_time_days": 21, "weight": 450,
        "size": (40, 30, 5),
        "palette": "silk", "motif": "stripes",
        "photos": [
            "A patterned silk áo dài on a dress form (illustration)",
            "The hand-finished mandarin collar (illustration)",
            "Vạn Phúc's silk street with shop fronts (illustration)",
        ],
    },
    # --- Đông Hồ paintings ---
    {
        "slug": "dong-ho-mouse-wedding-print", "cooperative": "dong-ho-folk-painting-workshop",
        "name": "Tranh Đông Hồ Đám cưới chuột — The Mouse Wedding", "label": "Đông Hồ: The Mouse Wedding",
        "category": "paper-paintings", "featured": True,
        "summary": "The best-loved Đông Hồ print: a mouse wedding procession bearing gifts to the cat.",
        "makers": (
            "Printed by Nguyễn Thị Oanh and her son, with blocks her grandfather carved; her husband makes the "
            "shell-coated paper."),
        "materials": (
            "Dó paper from the bark of the dó tree, coated with điệp (crushed scallop shell in rice paste); "
            "colours from burnt bamboo leaves, sophora flowers, red gravel and rusted copper."),
        "process": (
            "Each colour has its own carved block; colours are printed one after another, lightest first, and the "
            "black outline last. The paper dries in the sun between colours."),
        "place": "Đông Hồ, on the Đuống River, has printed pictures for Tết for about four hundred years.",
        "use": "Hung at Tết for good fortune, or framed all year. 37 × 27 cm.",
        "care": "Frame behind glass, away from direct sun; the plant colours fade in strong light.",
        "price": "18.00", "stock": 35, "weight": 80, "size": (40, 30, 1),
        "palette": "paper", "motif": "painting",
        "photos": [
            "Folk print of a mouse wedding procession with a cat receiving gifts (illustration)",
            "The sparkle of the shell-coated paper, close up (illustration)",
            "Prints drying in a yard in Đông Hồ (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "4", "issued_at": "province",
                    "certificate": "OCOP-BN-TT-0033", "issued_days_ago": 520,
                    "scores": {"community": 36, "marketing": 15, "quality": 27}}],
    },
    {
        "slug": "dong-ho-pig-and-piglets-print", "cooperative": "dong-ho-folk-painting-workshop",
        "name": "Tranh Đông Hồ Lợn đàn — Sow and piglets", "label": "Đông Hồ: Sow and piglets",
        "category": "paper-paintings",
        "summary": "A fat sow and her litter, a Tết wish for plenty, printed on shell-coated paper.",
        "makers": "Printed by Nguyễn Thị Oanh's family.",
        "materials": "Dó paper coated with điệp; natural colours.",
        "process": "Four colour blocks and a black key block, printed by hand, one sheet at a time.",
        "place": "Đông Hồ, Thuận Thành, Bắc Ninh.",
        "use": "A gift for a new home or a new baby. 37 × 27 cm.",
        "care": "Frame behind glass, out of direct sun.",
        "price": "16.00", "stock": 28, "weight": 80, "size": (40, 30, 1),
        "palette": "paper", "motif": "painting",
        "photos": [
            "Folk print of a sow with her piglets (illustration)",
            "The yin-yang swirls printed on the sow's back (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "3", "issued_at": "district",
                    "certificate": "OCOP-TT-0071", "issued_days_ago": 520,
                    "scores": {"community": 30, "marketing": 12, "quality": 24}}],
    },
    # --- Thanh Hà ---
    {
        "slug": "thanh-ha-terracotta-planters", "cooperative": "thanh-ha-terracotta",
        "name": "Gốm Thanh Hà — terracotta planters, set of three", "label": "Thanh Hà planters",
        "category": "pottery",
        "summary": "Three nesting planters in the red river clay of Thanh Hà, with drainage holes and saucers.",
        "makers": "Thrown by Trương Văn Lợi and two of the cooperative's younger potters.",
        "materials": "Red clay dug from fields beside the Thu Bồn River, aged for a season before use.",
        "process": "Thrown on a foot-turned wheel, burnished with a river pebble, fired in a wood kiln for a day.",
        "place": "Thanh Hà's potters built the tiles and bricks of Hội An's old town.",
        "use": "For herbs on a windowsill or succulents. Heights 10, 13 and 16 cm.",
        "care": "Terracotta breathes and darkens with water; bring indoors before frost.",
        "price": "22.00", "stock": 18, "weight": 2600, "size": (18, 18, 16), "fragile": True,
        "palette": "terracotta", "motif": "vessel",
        "photos": [
            "Three nesting terracotta planters with herbs (illustration)",
            "Burnished red clay and a drainage hole, close up (illustration)",
            "Kilns on the Thu Bồn riverbank at Thanh Hà (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "3", "issued_at": "district",
                    "certificate": "OCOP-HA-0019", "issued_days_ago": 1180,
                    "scores": {"community": 25, "marketing": 11, "quality": 21}}],
    },
    {
        "slug": "thanh-ha-clay-bird-whistles", "cooperative": "thanh-ha-terracotta",
        "name": "Còi đất Thanh Hà — clay bird whistles, set of four", "label": "Clay bird whistles",
        "category": "pottery",
        "summary": "Four little birds that whistle when you blow into their tails, a Thanh Hà toy for generations.",
        "makers": "Modelled by hand by Nguyễn Thị Sương, seventy-one, who teaches children on weekends.",
        "materials": "Red Thu Bồn clay and mineral slips.",
        "process": "Pinched into shape, the whistle channel pierced with a bamboo stick, painted and fired.",
        "place": "Thanh Hà, three kilometres west of Hội An.",
        "use": "A toy and a keepsake; each bird plays a different note.",
        "care": "Keep dry; not suitable for children under three (small parts).",
        "price": "12.00", "stock": 50, "weight": 240, "size": (16, 12, 6), "fragile": True,
        "palette": "terracotta", "motif": "figure",
        "photos": [
            "Four small painted clay birds in a row (illustration)",
            "The whistle hole in a bird's tail (illustration)",
        ],
    },
    # --- Bàu Trúc ---
    {
        "slug": "bau-truc-cham-water-jar", "cooperative": "bau-truc-cham-potters",
        "name": "Gốm Bàu Trúc — Cham water jar", "label": "Bàu Trúc Cham water jar",
        "category": "pottery", "featured": True,
        "summary": (
            "A round water jar shaped by hand without a wheel and fired in the open, as Cham women have for "
            "centuries."),
        "makers": (
            "Shaped by Đàng Thị Huệ, who learned at nine from her mother, and burnished by her daughter."),
        "materials": "Clay from the banks of the Quao River mixed with fine sand; rice straw and wood for the fire.",
        "process": (
            "The potter walks backwards around a fixed lump of clay, raising the wall with her hands and a wet "
            "cloth. The jar is burnished with a pebble, painted with a red slip and fired under straw and wood "
            "for about six hours."),
        "place": (
            "Bàu Trúc is one of the oldest pottery villages in Southeast Asia; UNESCO listed the Cham pottery "
            "craft for urgent safeguarding in 2022."),
        "use": "For water or flowers, or as an object on its own. Open-fired pots keep water cool.",
        "care": "Porous and slightly soft: rinse with plain water, never soap; the smoky marks are from the fire.",
        "price": "42.00", "stock": 9, "weight": 2800, "size": (26, 26, 28), "fragile": True,
        "palette": "terracotta", "motif": "vessel",
        "photos": [
            "Round terracotta jar with dark smoke marks from an open firing (illustration)",
            "Burnished surface and red slip of the jar (illustration)",
            "A potter walking around a pot as she shapes it (illustration)",
            "Pots fired under burning straw in the open (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "4", "issued_at": "province",
                    "certificate": "OCOP-NT-0046", "issued_days_ago": 330,
                    "scores": {"community": 37, "marketing": 14, "quality": 27}}],
    },
    {
        "slug": "bau-truc-apsara-relief-vase", "cooperative": "bau-truc-cham-potters",
        "name": "Gốm Bàu Trúc — vase with Apsara relief", "label": "Bàu Trúc Apsara vase",
        "category": "pottery",
        "summary": "A tall vase with a dancing Apsara in relief, made to order by the group's senior potter.",
        "makers": "Made by Đàng Thị Mỹ, the group's senior potter, who carves the reliefs freehand.",
        "materials": "Quao River clay and sand; red slip from local earth.",
        "process": (
            "Built by hand and left to firm, the relief is modelled from added clay and carved with bamboo tools, "
            "then burnished and open-fired."),
        "place": "Bàu Trúc, Ninh Phước, Ninh Thuận.",
        "use": "A decorative piece; not watertight.",
        "care": "Dust with a soft brush. Keep indoors.",
        "price": "58.00", "stock": 0, "made_to_order": True, "lead_time_days": 20, "weight": 3400,
        "size": (24, 24, 45), "fragile": True,
        "palette": "terracotta", "motif": "vessel",
        "photos": [
            "Tall terracotta vase with a dancing figure in relief (illustration)",
            "The carved Apsara's face and headdress (illustration)",
        ],
    },
    {
        "slug": "bau-truc-clay-cooking-pot", "cooperative": "bau-truc-cham-potters",
        "name": "Nồi đất Bàu Trúc — clay cooking pot", "label": "Bàu Trúc cooking pot",
        "category": "pottery",
        "summary": "The open-fired clay pot Vietnamese cooks use for cá kho, fish braised slowly in caramel.",
        "makers": "Made by the younger members of the group, who learn on cooking pots before vases.",
        "materials": "Quao River clay tempered with sand so it survives the flame.",
        "process": "Hand-built, paddled thin with a wooden paddle, open-fired.",
        "place": "Bàu Trúc.",
        "use": "Braising on gas or charcoal at low to medium heat; 1.5 litres.",
        "care": "Soak in water for an hour before first use; heat slowly; never put a hot pot on a cold surface.",
        "price": "24.00", "stock": 15, "weight": 1500, "size": (22, 22, 14), "fragile": True,
        "palette": "terracotta", "motif": "bowl",
        "photos": [
            "Round clay cooking pot with a lid (illustration)",
            "Fire marks on the pot's base (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "3", "issued_at": "district",
                    "certificate": "OCOP-NP-0102", "issued_days_ago": 330,
                    "scores": {"community": 31, "marketing": 10, "quality": 23}}],
    },
    # --- Lùng Tám ---
    {
        "slug": "lung-tam-indigo-hemp-table-runner", "cooperative": "lung-tam-hmong-linen",
        "name": "Vải lanh Lùng Tám — indigo batik hemp table runner", "label": "Lùng Tám hemp runner",
        "category": "cotton-hemp", "featured": True,
        "summary": "Hand-spliced, hand-woven hemp drawn with beeswax and dyed in indigo by Hmong women.",
        "makers": (
            "Drawn and dyed by Vàng Thị Mai; the hemp is grown, spun and woven by twelve of the "
            "cooperative's women."),
        "materials": "Hemp grown on the hillsides of Lùng Tám, beeswax, indigo from the cooperative's dye vats.",
        "process": (
            "Hemp stalks are dried, stripped and the fibres spliced end to end by hand, then woven on a foot loom. "
            "Patterns are drawn with hot beeswax using a copper pen; the cloth is dyed in indigo many times, then "
            "boiled to lift the wax, and polished with a stone."),
        "place": (
            "Lùng Tám sits in the Quản Bạ valley of Hà Giang; a length of hemp cloth takes about forty days from "
            "field to loom."),
        "use": "For a dining table or a sideboard. 180 × 35 cm.",
        "care": "Hand-wash cold on its own; indigo softens and fades gently with each wash.",
        "price": "36.00", "stock": 12, "weight": 300, "size": (180, 35, 0.3),
        "palette": "indigo", "motif": "stripes",
        "photos": [
            "Indigo hemp runner with white beeswax spirals (illustration)",
            "The wax-resist spirals and hemp texture, close up (illustration)",
            "Hemp fibres spliced into long threads (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "4", "issued_at": "province",
                    "certificate": "OCOP-HG-0058", "issued_days_ago": 600,
                    "scores": {"community": 38, "marketing": 13, "quality": 26}}],
    },
    {
        "slug": "lung-tam-hemp-shoulder-bag", "cooperative": "lung-tam-hmong-linen",
        "name": "Túi vải lanh — hemp shoulder bag with batik", "label": "Hmong hemp shoulder bag",
        "category": "cotton-hemp",
        "summary": "A sturdy hemp shoulder bag with a batik panel and a cotton lining.",
        "makers": "Sewn by Sùng Thị Dợ from cloth woven and dyed by the cooperative.",
        "materials": "Hand-woven hemp, indigo, beeswax, cotton lining, a brass button.",
        "process": "Cut and sewn on a treadle machine; the batik panel is drawn to fit before dyeing.",
        "place": "Lùng Tám, Quản Bạ, Hà Giang.",
        "use": "Daily bag for books, a laptop up to 13 inches or the market. 36 × 32 cm.",
        "care": "Hand-wash cold; reshape while damp.",
        "price": "32.00", "stock": 16, "weight": 380, "size": (36, 32, 6),
        "palette": "indigo", "motif": "weave",
        "photos": [
            "Hemp shoulder bag with an indigo batik panel (illustration)",
            "Stitching and brass button on the bag's flap (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "4", "issued_at": "province",
                    "certificate": "OCOP-HG-0059", "issued_days_ago": 600,
                    "scores": {"community": 37, "marketing": 14, "quality": 25}}],
    },
    # --- Tân Cương ---
    {
        "slug": "tan-cuong-green-tea", "cooperative": "tan-cuong-tea-cooperative",
        "name": "Chè Tân Cương — hand-rolled green tea, 200 g", "label": "Tân Cương green tea",
        "category": "tea",
        "summary": (
            "Small, tightly curled leaves with the young-rice aroma and sweet finish Thái Nguyên tea is "
            "loved for."),
        "makers": "Picked by the cooperative's families and pan-fired by Hoàng Văn Thắng and his wife Lụa.",
        "materials": "One bud and two leaves of the Trung Du tea variety, grown on the Tân Cương hills.",
        "process": (
            "Picked in the early morning, withered briefly, then tossed by hand in an iron pan over a wood fire, "
            "rolled, and pan-dried again until the leaves are dark green and crisp."),
        "place": "Tân Cương's hills west of Thái Nguyên city have grown tea for more than a century.",
        "use": "Brew 5 g with 150 ml of water at 80–85 °C for one minute; good for four infusions.",
        "care": "Keep sealed, cool and dry; best within twelve months.",
        "season_note": "Picked March to October; winter tea is scarce.",
        "price": "14.00", "stock": 60, "weight": 240, "size": (16, 10, 6),
        "palette": "tea", "motif": "leaves",
        "photos": [
            "Curled dark green tea leaves in a small bowl (illustration)",
            "Tea leaves being tossed in an iron pan over a fire (illustration)",
            "Tea rows across the Tân Cương hills (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "4", "issued_at": "province",
                    "certificate": "OCOP-TN-0121", "issued_days_ago": 150,
                    "scores": {"community": 31, "marketing": 19, "quality": 30}}],
    },
    {
        "slug": "tan-cuong-first-flush-bud-tea", "cooperative": "tan-cuong-tea-cooperative",
        "name": "Chè búp Tân Cương đặc biệt — first-flush bud tea, 100 g", "label": "Tân Cương bud tea",
        "category": "tea",
        "summary": (
            "Only the unopened buds of the spring flush, silver-tipped and sweet; the cooperative's "
            "five-star tea."),
        "makers": "Picked bud by bud by the cooperative's most experienced pickers, finished by Hoàng Văn Thắng.",
        "materials": "Unopened tea buds from the first spring flush.",
        "process": (
            "Pan-fired at a lower heat than the everyday tea and rolled lightly to keep the silver down on "
            "the buds."),
        "place": "The top terraces of the cooperative's hill in Tân Cương.",
        "use": "Brew 3 g with 150 ml of water at 75 °C for forty seconds.",
        "care": "Keep sealed in its tin, away from strong smells.",
        "season_note": "Spring flush only, picked in March and April; limited each year.",
        "price": "26.00", "stock": 20, "weight": 180, "size": (10, 10, 12),
        "palette": "tea", "motif": "leaves",
        "photos": [
            "Silver-tipped tea buds in a tin (illustration)",
            "A single tea bud and its fine down (illustration)",
            "Pickers on the top terraces at dawn (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "5", "issued_at": "national",
                    "certificate": "OCOP-QG-0017", "issued_days_ago": 240,
                    "scores": {"community": 37, "marketing": 22, "quality": 33}}],
    },
    # --- Phú Vinh ---
    {
        "slug": "phu-vinh-rattan-fruit-basket", "cooperative": "phu-vinh-rattan-bamboo",
        "name": "Mây tre đan Phú Vinh — rattan fruit basket", "label": "Phú Vinh rattan basket",
        "category": "bamboo-rattan",
        "summary": "A round, finely woven rattan basket with a raised foot, the shape Phú Vinh is known for.",
        "makers": "Woven by Đặng Thị Hòa, who weaves one basket a day between work in her rice field.",
        "materials": "Split rattan cane and a bamboo rim, smoked to keep out insects.",
        "process": "Rattan is split, shaved to even width and woven over a wooden mould, then smoked and oiled.",
        "place": "Phú Vinh, in Chương Mỹ, has woven rattan for centuries.",
        "use": "For fruit, bread or keys. 30 cm across.",
        "care": "Dust with a dry brush; keep out of standing water.",
        "price": "28.00", "stock": 24, "weight": 400, "size": (30, 30, 12),
        "palette": "bamboo", "motif": "weave",
        "photos": [
            "Round rattan basket full of mandarins (illustration)",
            "The fine weave of split rattan, close up (illustration)",
        ],
        "grades": [{"programme": "ocop-viet-nam", "level": "4", "issued_at": "province",
                    "certificate": "OCOP-HN-CM-0064", "issued_days_ago": 480,
                    "scores": {"community": 33, "marketing": 16, "quality": 26}}],
    },
    {
        "slug": "phu-vinh-lidded-storage-baskets", "cooperative": "phu-vinh-rattan-bamboo",
        "name": "Giỏ mây có nắp — lidded rattan storage baskets, pair", "label": "Lidded rattan baskets",
        "category": "bamboo-rattan",
        "summary": "Two lidded baskets that nest, for a shelf or a bathroom.",
        "makers": "Woven by two sisters, Đặng Thị Hòa and Đặng Thị Hiền.",
        "materials": "Rattan, bamboo, natural lacquer on the rim.",
        "process": "Woven over wooden moulds so the lids fit exactly; each pair takes three days.",
        "place": "Phú Vinh, Chương Mỹ, Hà Nội.",
        "use": "Storage for towels, toys or papers. 28 and 22 cm across.",
        "care": "Keep dry; wipe with a damp cloth.",
        "price": "46.00", "stock": 8, "weight": 900, "size": (30, 30, 24),
        "palette": "bamboo", "motif": "weave",
        "photos": ["Two nesting rattan baskets with lids (illustration)",
                   "A lid's woven rim, close up (illustration)"],
        "grades": [{"programme": "ocop-viet-nam", "level": "3", "issued_at": "district",
                    "certificate": "OCOP-CM-0210", "issued_days_ago": 480,
                    "scores": {"community": 28, "marketing": 12, "quality": 24}}],
    },
    {
        "slug": "phu-vinh-bamboo-tray-set", "cooperative": "phu-vinh-rattan-bamboo", "status": "submitted",
        "name": "Khay tre — bamboo and rattan tray set", "label": "Bamboo tray set",
        "category": "table-kitchen",
        "summary": "Three rectangular trays in bamboo and rattan; waiting for the officer's review.",
        "makers": "Woven by the cooperative's newer members.",
        "materials": "Bamboo slats, rattan binding, food-safe oil.",
        "process": "Slats are cut, smoothed and bound with rattan; finished with oil.",
        "place": "Phú Vinh.",
        "use": "Serving tea or breakfast.",
        "care": "Wipe clean; oil once a year.",
        "price": "34.00", "stock": 10, "weight": 1200, "size": (40, 28, 6),
        "palette": "bamboo", "motif": "weave",
        "photos": ["Three bamboo trays stacked (illustration)", "Rattan binding at a tray's corner (illustration)"],
    },
    # --- Ban Tha Sawang ---
    {
        "slug": "surin-gold-brocade-silk", "cooperative": "ban-tha-sawang-silk",
        "name": "ผ้าไหมยกทอง — Surin gold-brocade silk, 2 metres", "label": "Surin gold-brocade silk",
        "category": "brocade-songket", "featured": True,
        "summary": "Court-style silk brocade with gold thread, woven by four weavers at one loom; made to order.",
        "makers": (
            "Woven by a team of four led by Sunee Phromsri: two at the front of the loom, two below it lifting "
            "the pattern threads."),
        "materials": "Silk from the group's own silkworms, natural and fixed dyes, and gilded thread.",
        "process": (
            "The pattern is stored in more than a thousand heddle strings. Four weavers work the loom together "
            "and, on a complex design, advance only a few centimetres a day."),
        "place": "Ban Tha Sawang, outside Surin town; its silk dressed the leaders at APEC Bangkok in 2003.",
        "use": "For ceremonial dress or framing as a textile; 200 × 100 cm.",
        "care": "Dry clean only. Store rolled, not folded, with acid-free tissue.",
        "price": "480.00", "stock": 0, "made_to_order": True, "lead_time_days": 120, "weight": 700,
        "size": (60, 12, 12),
        "palette": "silk", "motif": "ikat",
        "photos": [
            "Deep red silk brocade with gold geometric patterns (illustration)",
            "Gold thread floating over the silk ground, close up (illustration)",
            "Four weavers at one large loom (illustration)",
        ],
        "grades": [
            {"programme": "otop-thailand", "level": "5", "issued_at": "national", "certificate": "OPC-SRN-5-0008",
             "issued_days_ago": 700},
            {"programme": "otop-product-champion", "level": "A", "issued_at": "national",
             "certificate": "OTOP-A-SRN-0031", "issued_days_ago": 700},
        ],
    },
    {
        "slug": "surin-silk-shawl", "cooperative": "ban-tha-sawang-silk",
        "name": "ผ้าคลุมไหล่ไหมสุรินทร์ — Surin silk shawl", "label": "Surin silk shawl",
        "category": "silk",
        "summary": "A soft hand-woven silk shawl in Surin's traditional lai lukkaew pattern.",
        "makers": "Woven by the group's younger weavers, who practise on shawls before brocade.",
        "materials": "Thai mulberry silk, hand-reeled; lac and ebony dyes.",
        "process": "Reeled from cocoons over a charcoal stove, dyed in the skein and woven on a frame loom.",
        "place": "Ban Tha Sawang, Mueang Surin.",
        "use": "Evening wrap or a scarf. 200 × 50 cm.",
        "care": "Hand-wash cold, dry flat in the shade.",
        "price": "68.00", "stock": 11, "weight": 150, "size": (30, 22, 3),
        "palette": "silk", "motif": "ikat",
        "photos": [
            "Silk shawl in red and black with a small diamond pattern (illustration)",
            "Hand-reeled silk threads on a spool (illustration)",
        ],
        "grades": [{"programme": "otop-thailand", "level": "4", "issued_at": "province",
                    "certificate": "OPC-SRN-4-0112", "issued_days_ago": 700}],
    },
    # --- Chonnabot ---
    {
        "slug": "chonnabot-mudmee-silk-length", "cooperative": "chonnabot-mudmee-silk",
        "name": "ผ้าไหมมัดหมี่ชนบท — Chonnabot mudmee silk, sarong length", "label": "Chonnabot mudmee silk",
        "category": "silk", "featured": True,
        "summary": "Ikat silk whose pattern is tied and dyed into the thread before a single row is woven.",
        "makers": "Tied and dyed by Ratree Saengkham, woven by her daughter Kanya at the loom under their house.",
        "materials": "Thai silk, chemical-free mordants, dyes from lac, indigo and ebony fruit.",
        "process": (
            "Weft threads are stretched on a frame and bound with plastic string where the dye must not reach; "
            "after each dye bath more knots are tied or cut. The dyed weft is then woven so the pattern appears "
            "row by row. One length takes about a month."),
        "place": "Chonnabot, the mudmee town of Khon Kaen, with its own silk museum.",
        "use": "A pha sin (wrap skirt) or for dressmaking; 200 × 100 cm.",
        "care": "Dry clean, or hand-wash cold the first time on its own.",
        "price": "115.00", "stock": 4, "weight": 350, "size": (35, 25, 4),
        "palette": "silk", "motif": "ikat",
        "photos": [
            "Mudmee silk with a repeating diamond ikat pattern (illustration)",
            "The slightly blurred edges of the tie-dyed pattern (illustration)",
            "Thread bundles tied on a frame before dyeing (illustration)",
        ],
        "grades": [
            {"programme": "otop-thailand", "level": "5", "issued_at": "national", "certificate": "OPC-KKN-5-0021",
             "issued_days_ago": 650},
            {"programme": "otop-product-champion", "level": "A", "issued_at": "national",
             "certificate": "OTOP-A-KKN-0107", "issued_days_ago": 650},
        ],
    },
    {
        "slug": "chonnabot-mudmee-silk-scarf", "cooperative": "chonnabot-mudmee-silk",
        "name": "ผ้าพันคอไหมมัดหมี่ — mudmee silk scarf", "label": "Mudmee silk scarf",
        "category": "silk",
        "summary": "A lighter mudmee for every day, in indigo and natural ivory.",
        "makers": "Woven by the group's members at home, finished together at the group's house.",
        "materials": "Thai silk, natural indigo.",
        "process": "A simpler tie pattern, dyed twice, woven in a lighter weave for drape.",
        "place": "Chonnabot District, Khon Kaen.",
        "use": "Scarf, 180 × 40 cm.",
        "care": "Hand-wash cold; indigo may mark light fabrics at first.",
        "price": "42.00", "stock": 19, "weight": 110, "size": (25, 18, 3),
        "palette": "indigo", "motif": "ikat",
        "photos": [
            "Indigo and ivory silk scarf with an ikat pattern (illustration)",
            "Fringe and ikat pattern at the scarf's end (illustration)",
        ],
        "grades": [{"programme": "otop-thailand", "level": "4", "issued_at": "province",
                    "certificate": "OPC-KKN-4-0233", "issued_days_ago": 650}],
    },
    {
        "slug": "chonnabot-mudmee-silk-tie", "cooperative": "chonnabot-mudmee-silk",
        "status": "changes_requested",
        "status_reason": (
            "Please add a photo of the back of the tie and say whether it is lined; buyers ask for the width too."),
        "name": "เนคไทไหมมัดหมี่ — mudmee silk tie", "label": "Mudmee silk tie",
        "category": "silk",
        "summary": "A necktie cut from mudmee silk offcuts.",
        "makers": "Sewn in Khon Kaen town from the group's silk.",
        "materials": "Mudmee silk.",
        "process": "Cut on the bias from offcuts of sarong lengths.",
        "place": "Chonnabot.",
        "use": "A tie for work or weddings.",
        "care": "Dry clean.",
        "price": "28.00", "stock": 12, "weight": 60, "size": (30, 10, 3),
        "palette": "silk", "motif": "ikat",
        "photos": ["Silk tie with a small ikat pattern (illustration)",
                   "The tie's knot and pattern (illustration)"],
    },
    # --- Bo Sang ---
    {
        "slug": "bo-sang-painted-paper-umbrella", "cooperative": "bo-sang-umbrella-makers",
        "name": "ร่มบ่อสร้าง — Bo Sang painted paper umbrella, 50 cm", "label": "Bo Sang paper umbrella",
        "category": "umbrellas-lanterns",
        "summary": "A bamboo-ribbed umbrella of sa paper, painted freehand with frangipani and oiled against rain.",
        "makers": "Frame by Prasert Kaewmoon; painted by Somjai Inta, who paints about forty umbrellas a day.",
        "materials": "Bamboo ribs and handle, sa (mulberry bark) paper, persimmon juice, tung oil.",
        "process": (
            "The ribs are split from one length of bamboo so they close in order. Paper is pasted on with "
            "persimmon juice, painted, and oiled to shed light rain."),
        "place": "Bo Sang has made umbrellas for more than a century and holds its festival each January.",
        "use": "Decoration, a parasol, or light rain. Opens to 50 cm.",
        "care": "Let it dry open after rain; keep away from strong sun for long periods.",
        "price": "32.00", "stock": 26, "weight": 450, "size": (62, 8, 8),
        "palette": "plum", "motif": "umbrella",
        "photos": [
            "Open paper umbrella painted with frangipani (illustration)",
            "Bamboo ribs seen from under the umbrella (illustration)",
            "Umbrellas drying open in a Bo Sang yard (illustration)",
        ],
        "grades": [
            {"programme": "otop-thailand", "level": "4", "issued_at": "province", "certificate": "OPC-CMI-4-0310",
             "issued_days_ago": 560},
            {"programme": "otop-product-champion", "level": "C", "issued_at": "province",
             "certificate": "OTOP-C-CMI-1204", "issued_days_ago": 560},
        ],
    },
    {
        "slug": "bo-sang-cotton-parasol", "cooperative": "bo-sang-umbrella-makers",
        "name": "ร่มผ้าฝ้าย — Bo Sang cotton parasol, 80 cm", "label": "Bo Sang cotton parasol",
        "category": "umbrellas-lanterns",
        "summary": "A larger parasol covered in cotton, for a garden table or a café terrace.",
        "makers": "Frame by the workshop's frame-makers; covered and painted by Somjai Inta.",
        "materials": "Bamboo, waxed cotton, tung oil.",
        "process": "Made like the paper umbrellas, with cotton stretched and glued over the ribs.",
        "place": "Bo Sang, San Kamphaeng, Chiang Mai.",
        "use": "Sun shade; opens to 80 cm.",
        "care": "Store closed and dry.",
        "price": "45.00", "stock": 9, "weight": 900, "size": (90, 10, 10),
        "palette": "dusk", "motif": "umbrella",
        "photos": ["Open cotton parasol with painted birds (illustration)",
                   "Painted birds on the parasol's cotton (illustration)"],
        "grades": [{"programme": "otop-thailand", "level": "3", "issued_at": "province",
                    "certificate": "OPC-CMI-3-0577", "issued_days_ago": 560}],
    },
    # --- Don Koi ---
    {
        "slug": "don-koi-indigo-cotton-scarf", "cooperative": "don-koi-indigo",
        "name": "ผ้าพันคอย้อมคราม — natural indigo cotton scarf", "label": "Indigo cotton scarf",
        "category": "cotton-hemp",
        "summary": "Hand-spun cotton dyed in fermented indigo, deep blue with a lighter woven stripe.",
        "makers": "Dyed by Bua Phansri, who keeps the group's oldest indigo vat alive, and woven by her neighbours.",
        "materials": "Cotton grown and spun in the village; indigo from khram leaves fermented with tamarind and lime.",
        "process": (
            "The vat is fed like sourdough and tasted to judge it. Yarn is dipped and aired up to twenty times; "
            "each dip turns green in the vat and blue in the air."),
        "place": "Ban Don Koi, Phanna Nikhom, in Sakon Nakhon, Thailand's indigo province.",
        "use": "Scarf, 180 × 45 cm; soft in heat, warm in cool weather.",
        "care": "Wash by hand with mild soap; the indigo lightens a little with each wash.",
        "price": "26.00", "stock": 32, "weight": 120, "size": (25, 18, 3),
        "palette": "indigo", "motif": "stripes",
        "photos": [
            "Deep blue cotton scarf with a light stripe (illustration)",
            "Hand-spun cotton threads in indigo (illustration)",
            "An indigo vat under a stilt house (illustration)",
        ],
        "grades": [
            {"programme": "otop-thailand", "level": "4", "issued_at": "province", "certificate": "OPC-SNK-4-0054",
             "issued_days_ago": 420},
            {"programme": "otop-product-champion", "level": "B", "issued_at": "province",
             "certificate": "OTOP-B-SNK-0389", "issued_days_ago": 420},
        ],
    },
    {
        "slug": "don-koi-indigo-cotton-shirt", "cooperative": "don-koi-indigo",
        "name": "เสื้อผ้าฝ้ายย้อมคราม — indigo cotton shirt, made to order", "label": "Indigo cotton shirt",
        "category": "cotton-hemp",
        "summary": "A collarless shirt in hand-woven indigo cotton, sewn in the village to your size.",
        "makers": "Sewn by Noi Chantha from cloth woven by the group.",
        "materials": "Hand-woven indigo cotton, coconut-shell buttons.",
        "process": "Cut to the size you choose (S–XXL) and sewn on a treadle machine; seams finished by hand.",
        "place": "Ban Don Koi.",
        "use": "Everyday wear; the cloth softens with wear.",
        "care": "Wash by hand or on a cold gentle cycle, inside out, on its own.",
        "price": "52.00", "stock": 0, "made_to_order": True, "lead_time_days": 21, "weight": 300,
        "size": (30, 25, 4),
        "palette": "indigo", "motif": "stripes",
        "photos": ["Collarless indigo shirt folded on a table (illustration)",
                   "Coconut-shell buttons on the indigo cloth (illustration)"],
    },
    # --- Doi Chang ---
    {
        "slug": "doi-chang-arabica-medium-roast", "cooperative": "doi-chang-coffee-growers",
        "name": "กาแฟดอยช้าง — Doi Chang arabica, medium roast, 250 g", "label": "Doi Chang arabica",
        "category": "coffee",
        "summary": (
            "Shade-grown arabica from Akha and Lisu farms, roasted in the village: chocolate, red fruit, "
            "brown sugar."),
        "makers": "Grown by thirty-one families; roasted by Ame Leju, who trained as a roaster in Chiang Mai.",
        "materials": "Arabica (Catimor and Typica) grown at 1,300–1,600 m under macadamia and plum trees.",
        "process": (
            "Hand-picked ripe cherries are pulped, fermented overnight, washed and sun-dried on raised beds, "
            "rested two months, then roasted in small batches each week."),
        "place": "Doi Chang, Mae Suai, Chiang Rai, where coffee replaced opium on the slopes from the 1980s.",
        "use": "Filter, French press or espresso; whole beans (ask for ground in the order note).",
        "care": "Keep the bag closed, cool and dark; best within six weeks of the roast date.",
        "season_note": "Harvest November to February; roasted every week all year.",
        "price": "13.00", "stock": 80, "weight": 280, "size": (20, 12, 6),
        "palette": "coffee", "motif": "beans",
        "photos": [
            "Brown bag of roasted coffee beans with a mountain label (illustration)",
            "Medium-roast beans, close up (illustration)",
            "Coffee trees under shade on the Doi Chang slopes (illustration)",
        ],
        "grades": [{"programme": "otop-thailand", "level": "4", "issued_at": "province",
                    "certificate": "OPC-CRI-4-0146", "issued_days_ago": 380}],
    },
    # --- Bang Sadet ---
    {
        "slug": "bang-sadet-palace-dolls-rice-harvest", "cooperative": "bang-sadet-doll-makers",
        "name": "ตุ๊กตาชาววัง — palace dolls: the rice harvest", "label": "Palace dolls: rice harvest",
        "category": "dolls-figurines",
        "summary": "Seven thumb-sized clay figures harvesting rice, painted and dressed by hand, in a glass case.",
        "makers": "Modelled by Wanna Thongdee, who has made palace dolls for thirty years, and painted by her niece.",
        "materials": "Fine clay from the Chao Phraya plain, poster paint, cotton cloth, a teak base and glass case.",
        "process": (
            "Heads, bodies and limbs are pressed in small moulds, joined and fired at low heat; faces are painted "
            "with a single-hair brush and clothes are folded from scraps of cloth."),
        "place": "Bang Sadet, Pa Mok, Ang Thong, where the craft began in the 1970s.",
        "use": "A display piece; the case is 20 × 12 × 12 cm.",
        "care": "Keep in its case; dust the glass only.",
        "price": "38.00", "stock": 7, "weight": 600, "size": (22, 14, 14), "fragile": True,
        "palette": "tea", "motif": "figure",
        "photos": [
            "Tiny clay figures harvesting rice in a glass case (illustration)",
            "A doll's painted face, smaller than a fingernail (illustration)",
        ],
        "grades": [
            {"programme": "otop-thailand", "level": "4", "issued_at": "province", "certificate": "OPC-ATG-4-0019",
             "issued_days_ago": 600},
            {"programme": "otop-product-champion", "level": "B", "issued_at": "province",
             "certificate": "OTOP-B-ATG-0077", "issued_days_ago": 600},
        ],
    },
    {
        "slug": "bang-sadet-palace-dolls-dancers", "cooperative": "bang-sadet-doll-makers",
        "name": "ตุ๊กตาชาววัง — Thai classical dancers, pair", "label": "Palace dolls: dancers",
        "category": "dolls-figurines",
        "summary": "Two dancers in gold costumes, mid-gesture, on a small teak stand.",
        "makers": "Made by the group's younger members.",
        "materials": "Clay, paint, gold paper and cloth, teak.",
        "process": "Moulded, fired, painted and dressed by hand.",
        "place": "Bang Sadet, Ang Thong.",
        "use": "A small gift; 10 cm tall.",
        "care": "Keep dry and dust-free.",
        "price": "26.00", "stock": 14, "weight": 250, "size": (14, 10, 12), "fragile": True,
        "palette": "amber", "motif": "figure",
        "photos": ["Two small clay dancers in gold costumes (illustration)",
                   "The dancers' hands in a classical gesture (illustration)"],
        "grades": [{"programme": "otop-thailand", "level": "3", "issued_at": "province",
                    "certificate": "OPC-ATG-3-0102", "issued_days_ago": 600}],
    },
    # --- Ban Xang Khong ---
    {
        "slug": "xang-khong-sa-paper-notebook", "cooperative": "xang-khong-sa-paper",
        "name": "Sa paper notebook with pressed flowers", "label": "Sa paper notebook",
        "category": "paper-paintings",
        "summary": "A hand-bound notebook of mulberry-bark paper with flowers and leaves set into the cover.",
        "makers": "Paper made by Khamla Sisouk and her daughters; bound by Noy Vongsa.",
        "materials": "Mulberry bark (sa), bougainvillea and fern from the village gardens, cotton thread.",
        "process": (
            "The bark is soaked, boiled with wood ash and beaten to pulp, then floated over a cloth screen. "
            "Flowers are laid into the wet sheet by hand, and it dries in the sun on its frame."),
        "place": "Ban Xang Khong, on the Mekong just north of Luang Prabang.",
        "use": "Journal or sketchbook; 48 pages, 15 × 21 cm. Takes ink and watercolour.",
        "care": "Keep dry.",
        "price": "9.00", "stock": 45, "weight": 220, "size": (22, 16, 2),
        "palette": "paper", "motif": "painting",
        "photos": [
            "Cream paper notebook with pink flowers pressed into the cover (illustration)",
            "The fibres and a fern leaf in the paper, close up (illustration)",
            "Paper drying on frames in a Ban Xang Khong yard (illustration)",
        ],
        "grades": [{"programme": "odop-laos", "level": "provincial", "issued_at": "province",
                    "certificate": "ODOP-LPB-0112", "issued_days_ago": 500}],
    },
    {
        "slug": "xang-khong-mulberry-paper-lantern", "cooperative": "xang-khong-sa-paper",
        "name": "Mulberry paper lantern", "label": "Mulberry paper lantern",
        "category": "umbrellas-lanterns",
        "summary": "A round lantern of sa paper on a bamboo frame that folds flat for travel.",
        "makers": "Frames by Bounmy Sisouk; papered by the group.",
        "materials": "Sa paper, split bamboo, a cotton cord.",
        "process": "The bamboo frame is bent and tied, the paper pasted on in strips with rice paste.",
        "place": "Ban Xang Khong, Luang Prabang.",
        "use": "A shade for an LED bulb (not included; do not use with hot bulbs or candles). 35 cm.",
        "care": "Dust with a soft brush.",
        "price": "16.00", "stock": 20, "weight": 300, "size": (36, 36, 5),
        "palette": "paper", "motif": "umbrella",
        "photos": ["Round paper lantern glowing warm (illustration)",
                   "Paper pasted over bamboo ribs (illustration)"],
        "grades": [{"programme": "odop-laos", "level": "district", "issued_at": "district",
                    "certificate": "ODOP-LPB-D-0405", "issued_days_ago": 500}],
    },
    # --- Ban Phanom ---
    {
        "slug": "ban-phanom-silk-sinh", "cooperative": "ban-phanom-weavers",
        "name": "ສິ້ນໄໝ Sinh mai — Lao silk skirt length with woven hem", "label": "Lao silk sinh",
        "category": "silk",
        "summary": "The Lao wrap skirt, in silk, with a supplementary-weft hem (tin sinh) of nagas and diamonds.",
        "makers": "Woven by Bouavanh Phommachanh, whose mother wove for the royal court.",
        "materials": "Lao silk from Phongsaly, dyed with lac, jackfruit wood and indigo.",
        "process": (
            "The body is woven plain on a frame loom; the hem is woven separately with a pattern stored in "
            "bamboo rods, then sewn on. About three weeks' work."),
        "place": "Ban Phanom, a Tai Lue weaving village east of Luang Prabang.",
        "use": "Worn wrapped and pinned, as in Laos, or cut for a skirt. 160 × 90 cm.",
        "care": "Dry clean or hand-wash cold.",
        "price": "84.00", "stock": 6, "weight": 300, "size": (30, 25, 4),
        "palette": "silk", "motif": "ikat",
        "photos": [
            "Silk skirt length with a patterned hem of serpents and diamonds (illustration)",
            "The woven naga pattern in the hem (illustration)",
            "A frame loom with pattern rods in Ban Phanom (illustration)",
        ],
        "grades": [{"programme": "odop-laos", "level": "national", "issued_at": "national",
                    "certificate": "ODOP-N-0023", "issued_days_ago": 420}],
    },
    {
        "slug": "ban-phanom-natural-dye-silk-scarf", "cooperative": "ban-phanom-weavers",
        "name": "Ban Phanom natural-dye silk scarf", "label": "Ban Phanom silk scarf",
        "category": "silk", "featured": True,
        "summary": "A scarf dyed with lac, indigo and jackfruit wood, with the small diamonds of Tai Lue weaving.",
        "makers": "Woven by Ms. Kham Phimmasone and dyed by the group's two dyers.",
        "materials": "Lao silk; lac resin (red), indigo (blue), jackfruit heartwood (yellow).",
        "process": "The silk is dyed in the skein with plant dyes, then woven with a float-weave diamond pattern.",
        "place": "Ban Phanom, Luang Prabang.",
        "use": "Scarf or shawl, 180 × 45 cm.",
        "care": "Hand-wash cold, dry in the shade.",
        "price": "36.00", "stock": 18, "weight": 110, "size": (25, 18, 3),
        "palette": "silk", "motif": "ikat",
        "photos": [
            "Red and gold silk scarf with small diamonds (illustration)",
            "Diamond float-weave pattern, close up (illustration)",
            "Skeins of silk drying after dyeing (illustration)",
        ],
        "grades": [{"programme": "odop-laos", "level": "provincial", "issued_at": "province",
                    "certificate": "ODOP-LPB-0131", "issued_days_ago": 420}],
    },
    {
        "slug": "ban-phanom-woven-shoulder-bag", "cooperative": "ban-phanom-weavers",
        "name": "Woven cotton shoulder bag", "label": "Woven cotton shoulder bag",
        "category": "cotton-hemp",
        "summary": "The bag Japanese buyers first ordered from Luang Prabang, in hand-woven cotton with a silk stripe.",
        "makers": "Woven and sewn by the group, each bag by one weaver who stitches her name inside.",
        "materials": "Hand-woven cotton, a silk stripe, cotton lining.",
        "process": "Woven in a long strip, folded and sewn so the strap is one piece with the body.",
        "place": "Ban Phanom; the group has shipped bags to Japan since the 2010s.",
        "use": "A light shoulder bag for the day. 30 × 28 cm.",
        "care": "Hand-wash cold.",
        "price": "24.00", "stock": 40, "weight": 200, "size": (30, 28, 3),
        "palette": "linen", "motif": "stripes",
        "photos": ["Striped cotton shoulder bag with a long strap (illustration)",
                   "The weaver's name stitched inside the bag (illustration)"],
        "grades": [{"programme": "odop-laos", "level": "provincial", "issued_at": "province",
                    "certificate": "ODOP-LPB-0132", "issued_days_ago": 420}],
    },
    # --- Ōyama ---
    {
        "slug": "oyama-umeboshi", "cooperative": "oyama-ume-growers",
        "name": "Umeboshi 梅干し — salt-pickled ume, 300 g", "label": "Ōyama umeboshi",
        "category": "preserves",
        "summary": "Ōyama's plums pickled with sea salt and red shiso and dried in the summer sun: sour, salty, deep.",
        "makers": "Grown by the association's members and pickled in the shared pickling house under Chieko Tanaka.",
        "materials": "Ume from Ōyama's orchards, sea salt (18%), red shiso leaves.",
        "process": (
            "Ume are picked ripe in June and salted in vats for a month with red shiso; in the hottest days of "
            "July they are laid on bamboo mats to dry in the sun for three days and nights."),
        "place": "Ōyama, now part of Hita, chose plums over rice in 1961 and started the OVOP movement.",
        "use": "One with a bowl of rice or in an onigiri; steep in hot water as a remedy for a tired stomach.",
        "care": "Keeps a year unopened; refrigerate after opening.",
        "season_note": "Picked in June, sun-dried in July; new-season umeboshi ship from September.",
        "price": "18.00", "stock": 36, "weight": 420, "size": (12, 12, 8),
        "palette": "plum", "motif": "fruit",
        "photos": [
            "Wrinkled red umeboshi in a glass jar (illustration)",
            "A single umeboshi with red shiso leaf (illustration)",
            "Ume drying on bamboo mats on Ōyama's slopes (illustration)",
        ],
        "grades": [{"programme": "ovop-oita", "level": "selected", "issued_at": "province",
                    "certificate": "OITA-OVOP-0102", "issued_days_ago": 900}],
    },
    {
        "slug": "oyama-umeshu", "cooperative": "oyama-ume-growers",
        "name": "Umeshu 梅酒 — ume liqueur, 720 ml", "label": "Ōyama umeshu",
        "category": "spirits",
        "summary": "Green ume steeped a full year in shōchū with rock sugar: sweet, tart and almond-scented.",
        "makers": "Steeped by the association with a partner brewery in Hita.",
        "materials": "Green Ōyama ume, barley shōchū, rock sugar. 14% alcohol.",
        "process": "Unripe ume are washed, their stems picked out one by one, and steeped for at least a year.",
        "place": "Ōyama, Hita, Ōita.",
        "use": "On ice, with soda, or warm in winter. Adults only: proof of age is required on delivery.",
        "care": "Store upright, out of the sun; keeps for years.",
        "price": "36.00", "stock": 24, "weight": 1400, "size": (9, 9, 30), "fragile": True,
        "palette": "amber", "motif": "bottle",
        "photos": [
            "Bottle of golden ume liqueur with whole plums inside (illustration)",
            "Amber umeshu poured over ice (illustration)",
        ],
        "grades": [{"programme": "ovop-oita", "level": "selected", "issued_at": "province",
                    "certificate": "OITA-OVOP-0103", "issued_days_ago": 900}],
    },
    # --- Nozu ---
    {
        "slug": "nozu-kabosu-juice", "cooperative": "nozu-kabosu-farmers",
        "name": "Kabosu カボス — pressed juice, 360 ml", "label": "Kabosu juice",
        "category": "preserves",
        "summary": "Pure juice of Ōita's green citrus, pressed the week it is picked; sharper and rounder than lime.",
        "makers": "Grown and pressed by the twenty-six families of the Nozu Kabosu Farmers' Group.",
        "materials": "Kabosu, nothing added.",
        "process": "Picked green from late August, pressed whole in a small press, flash-heated and bottled.",
        "place": "Nozu, in the hills behind Usuki; Ōita grows almost all of Japan's kabosu.",
        "use": "Squeeze over grilled fish, into shōchū with soda, or into dressings.",
        "care": "Refrigerate after opening and use within two weeks.",
        "season_note": "Pressed August to October; bottles keep a year unopened.",
        "price": "14.00", "stock": 50, "weight": 650, "size": (7, 7, 24), "fragile": True,
        "palette": "citrus", "motif": "fruit",
        "photos": [
            "Glass bottle of pale kabosu juice beside green citrus (illustration)",
            "A halved green kabosu, close up (illustration)",
            "Kabosu orchards in the Nozu hills (illustration)",
        ],
        "grades": [{"programme": "ovop-oita", "level": "selected", "issued_at": "province",
                    "certificate": "OITA-OVOP-0117", "issued_days_ago": 900}],
    },
    {
        "slug": "nozu-kabosu-ponzu", "cooperative": "nozu-kabosu-farmers",
        "name": "Kabosu ponzu カボスぽん酢, 300 ml", "label": "Kabosu ponzu",
        "category": "spices-condiments",
        "summary": "Soy and kabosu dipping sauce with kombu and bonito, for hot pot and gyōza.",
        "makers": "Blended by Yoshiko Itō from the group's juice and Usuki soy sauce.",
        "materials": "Kabosu juice, soy sauce brewed in Usuki, mirin, kombu, bonito flakes.",
        "process": "Soy, mirin and kombu are steeped overnight with bonito, strained, and blended with fresh juice.",
        "place": "Nozu, Usuki, Ōita.",
        "use": "Dip for hot pot, dumplings and sashimi; dressing for salads.",
        "care": "Refrigerate after opening; use within a month.",
        "price": "11.00", "stock": 0, "weight": 500, "size": (6, 6, 22), "fragile": True,
        "palette": "citrus", "motif": "bottle",
        "photos": ["Bottle of dark ponzu with a green citrus label (illustration)",
                   "Ponzu in a small dish beside dumplings (illustration)"],
    },
    # --- Ogata ---
    {
        "slug": "ogata-donko-dried-shiitake", "cooperative": "ogata-forest-shiitake",
        "name": "Donko どんこ — thick-capped dried shiitake, 100 g", "label": "Donko dried shiitake",
        "category": "preserves", "featured": True,
        "summary": "Log-grown shiitake picked before the caps open, slow-grown in the cold for thick, cracked caps.",
        "makers": "Grown by Masao Kudō and his daughter Emi in their oak woods.",
        "materials": "Sawtooth oak (kunugi) logs cut from their own coppice, shiitake spawn, forest shade.",
        "process": (
            "Logs are felled in autumn, inoculated in spring and left in the forest for two years. Mushrooms that "
            "grow slowly in late winter are picked before the caps open and dried over gentle heat."),
        "place": "Ogata, Bungo-ōno, in Ōita, Japan's leading prefecture for dried shiitake.",
        "use": "Soak overnight in cold water; use the mushrooms in simmered dishes and the water as dashi.",
        "care": "Keep sealed and dry, away from light.",
        "season_note": "Picked January to April; dried stock all year.",
        "price": "24.00", "stock": 30, "weight": 180, "size": (20, 14, 8),
        "palette": "wood", "motif": "rings",
        "photos": [
            "Thick dried shiitake caps with a cracked pattern (illustration)",
            "A shiitake cap's cracks and gills, close up (illustration)",
            "Oak logs stacked under cedars, growing shiitake (illustration)",
        ],
        "grades": [{"programme": "ovop-oita", "level": "selected", "issued_at": "province",
                    "certificate": "OITA-OVOP-0088", "issued_days_ago": 900}],
    },
    # --- Higashisōen ---
    {
        "slug": "beppu-bamboo-flower-basket", "cooperative": "higashisoen-bamboo-studio",
        "name": "Beppu bamboo flower basket 花籠 (hanakago)", "label": "Beppu bamboo flower basket",
        "category": "bamboo-rattan", "featured": True,
        "summary": "A tall flower basket woven of fine madake strips, with a bamboo water tube inside; made to order.",
        "makers": "Woven by Sayaka Endō, who trained at Beppu's bamboo craft school.",
        "materials": "Madake bamboo from Ōita's forests, dried to remove its oil; urushi lacquer.",
        "process": (
            "Culms are split and shaved into strips under a millimetre thick, woven in a hexagonal and twill "
            "pattern, stained and finished with urushi. A basket takes about three weeks."),
        "place": "Higashisōen, Beppu; Beppu bamboo work has been a traditional craft of Japan since 1979.",
        "use": "Ikebana and seasonal flowers; the inner tube holds water. 36 cm tall.",
        "care": "Dust with a soft brush; keep away from heaters and direct sun.",
        "price": "190.00", "stock": 0, "made_to_order": True, "lead_time_days": 45, "weight": 500,
        "size": (18, 18, 36), "fragile": True,
        "palette": "bamboo", "motif": "weave",
        "photos": [
            "Tall woven bamboo basket holding a single camellia (illustration)",
            "The hexagonal weave of fine bamboo strips (illustration)",
            "Bamboo strips being shaved in the studio (illustration)",
        ],
        "grades": [{"programme": "ovop-oita", "level": "selected", "issued_at": "province",
                    "certificate": "OITA-OVOP-0141", "issued_days_ago": 500}],
    },
    {
        "slug": "beppu-bamboo-bento-box", "cooperative": "higashisoen-bamboo-studio",
        "name": "Bamboo bento box, lacquered inside", "label": "Bamboo bento box",
        "category": "table-kitchen",
        "summary": "A woven bamboo lunch box with a lacquered interior and a lid that closes with a soft click.",
        "makers": "Woven by Sayaka Endō's former student, Rina Hayashi.",
        "materials": "Madake bamboo, urushi lacquer inside.",
        "process": "Woven over a wooden form and lacquered inside in three coats, each dried in a humid cabinet.",
        "place": "Higashisōen, Beppu.",
        "use": "Rice balls and sandwiches; line with a leaf or paper for oily food. 18 × 12 × 6 cm.",
        "care": "Wipe with a damp cloth; do not soak or put in a dishwasher.",
        "price": "96.00", "stock": 2, "weight": 180, "size": (18, 12, 6),
        "palette": "bamboo", "motif": "weave",
        "photos": ["Woven bamboo lunch box with its lid beside it (illustration)",
                   "The red lacquered inside of the box (illustration)"],
    },
    # --- Ajimu ---
    {
        "slug": "ajimu-barley-shochu", "cooperative": "ajimu-barley-distillery",
        "name": "Mugi shōchū 麦焼酎 — barley shōchū, 25%, 720 ml", "label": "Ajimu barley shōchū",
        "category": "spirits",
        "summary": "A clean, lightly toasty barley shōchū distilled once from local barley and barley kōji.",
        "makers": "Distilled by Kenji Ōno, fourth of his family to run the still, with a team of ten.",
        "materials": "Barley from farms in the Ajimu basin, barley kōji, spring water.",
        "process": (
            "Steamed barley is grown with kōji mould, fermented in two stages with more barley and water, then "
            "distilled once in a small pot still and rested for six months."),
        "place": "Ajimu, inland from Usa; Ōita is the home of barley shōchū.",
        "use": "On the rocks, with hot water, or with kabosu and soda. Adults only: proof of age on delivery.",
        "care": "Store upright out of the sun; keeps indefinitely.",
        "price": "32.00", "stock": 20, "weight": 1400, "size": (9, 9, 30), "fragile": True,
        "palette": "amber", "motif": "bottle",
        "photos": [
            "Clear bottle of barley shōchū with a paper label (illustration)",
            "Shōchū in a glass with ice (illustration)",
            "Barley fields in the Ajimu basin (illustration)",
        ],
        "grades": [{"programme": "ovop-oita", "level": "selected", "issued_at": "province",
                    "certificate": "OITA-OVOP-0064", "issued_days_ago": 900}],
    },
    # --- Yufuin ---
    {
        "slug": "yufuin-green-yuzu-kosho", "cooperative": "yufuin-yuzu-kitchen",
        "name": "Yuzu kosho 柚子胡椒 — green, 60 g", "label": "Green yuzu kosho",
        "category": "spices-condiments",
        "summary": "A fiery paste of green yuzu peel, green chilli and salt, aged for a month.",
        "makers": "Made by the sisters Mayu and Nao Sakamoto from their grandmother's recipe.",
        "materials": "Green yuzu peel, green chillies, salt.",
        "process": "Peel and chillies are chopped fine, ground with salt in a mortar and aged a month in the cool.",
        "place": "Yufuin, below Mount Yufu.",
        "use": "A dab on grilled chicken, hot pot, sashimi or noodle soup.",
        "care": "Refrigerate after opening; keeps three months.",
        "season_note": "Made August to October from green yuzu.",
        "price": "9.00", "stock": 40, "weight": 120, "size": (6, 6, 6), "fragile": True,
        "palette": "citrus", "motif": "peppercorns",
        "photos": ["Small jar of bright green yuzu kosho (illustration)",
                   "Green yuzu peel and chillies on a board (illustration)"],
    },
    # --- Laweyan ---
    {
        "slug": "laweyan-batik-tulis-sogan-parang", "cooperative": "laweyan-batik-tulis",
        "name": "Batik tulis Laweyan — sogan parang kain, 2.4 m", "label": "Laweyan batik tulis",
        "category": "batik", "featured": True,
        "summary": "Hand-drawn batik in the soft browns of Solo, with the diagonal parang pattern.",
        "makers": (
            "Drawn by Bu Sri Lestari and two other senior batik makers; dyed by Pak Joko, who has worked the dye "
            "vats in the courtyard for thirty years."),
        "materials": "Primissima cotton, beeswax and paraffin, soga bark and indigo dyes.",
        "process": (
            "The pattern is drawn in hot wax with a canting, a small copper pen, on both sides of the cloth. "
            "It is dyed, waxed again and dyed again; at the end the wax is boiled off. Eight weeks for one kain."),
        "place": "Laweyan, Solo's quarter of batik merchants for five centuries.",
        "use": "Worn as a kain, wrapped, or cut for a shirt or dress; 240 × 105 cm.",
        "care": "Wash by hand with lerak (soapnut) or mild soap; dry in the shade.",
        "price": "125.00", "stock": 5, "weight": 400, "size": (35, 25, 3),
        "palette": "batik", "motif": "batik",
        "photos": [
            "Brown and cream batik cloth with diagonal parang bands (illustration)",
            "Fine dots drawn with the canting between the bands (illustration)",
            "A courtyard in Laweyan with cloth drying on lines (illustration)",
        ],
        "grades": [{"programme": "ovop-indonesia", "level": "5", "issued_at": "national",
                    "certificate": "OVOP-ID-2-0014", "issued_days_ago": 800}],
    },
    {
        "slug": "laweyan-batik-cap-kawung-shirt", "cooperative": "laweyan-batik-tulis",
        "name": "Batik cap kawung men's shirt", "label": "Kawung batik shirt",
        "category": "batik",
        "summary": "A short-sleeved shirt in stamped batik with the ancient kawung (palm fruit) pattern.",
        "makers": "Stamped by the workshop's cap team and sewn by two tailors in Laweyan.",
        "materials": "Cotton, wax, synthetic indigo and soga brown.",
        "process": "The wax is printed with a copper stamp (cap) instead of drawn, then dyed like batik tulis.",
        "place": "Laweyan, Surakarta.",
        "use": "Everyday and office wear. Sizes S to XXL.",
        "care": "Machine wash cold, inside out, gentle cycle.",
        "price": "38.00", "stock": 28, "weight": 250, "size": (30, 25, 4),
        "palette": "batik", "motif": "batik",
        "photos": ["Short-sleeved batik shirt with a kawung pattern (illustration)",
                   "The four-petal kawung motif, close up (illustration)"],
        "grades": [{"programme": "ovop-indonesia", "level": "3", "issued_at": "national",
                    "certificate": "OVOP-ID-3-0102", "issued_days_ago": 500}],
    },
    # --- Giriloyo ---
    {
        "slug": "giriloyo-natural-dye-silk-batik-scarf", "cooperative": "giriloyo-women-batik",
        "name": "Batik tulis Giriloyo — natural-dye silk scarf", "label": "Giriloyo batik scarf",
        "category": "batik",
        "summary": "Hand-drawn batik on silk, dyed with mahogany bark and indigo by the women of Giriloyo.",
        "makers": "Drawn by Ibu Nur Ahmadi and dyed by the collective's dye group of six women.",
        "materials": "Silk, beeswax, mahogany bark, tingi bark and indigofera leaves.",
        "process": (
            "Women draw with the canting at low stools around the cloth; natural dyes need ten or more dips each, "
            "fixed with lime, alum or iron. The wax is removed in boiling water."),
        "place": "Giriloyo, Imogiri, below the royal tombs; the collective formed after the 2006 earthquake.",
        "use": "Scarf or wrap, 180 × 50 cm.",
        "care": "Hand-wash with mild soap, dry in the shade; natural colours soften over time.",
        "price": "58.00", "stock": 15, "weight": 100, "size": (25, 18, 3),
        "palette": "batik", "motif": "batik",
        "photos": [
            "Silk batik scarf in rust and indigo with a flower pattern (illustration)",
            "Wax lines and natural-dye colour on silk (illustration)",
            "Women drawing batik on low stools around a cloth (illustration)",
        ],
        "grades": [{"programme": "ovop-indonesia", "level": "4", "issued_at": "national",
                    "certificate": "OVOP-ID-4-0031", "issued_days_ago": 600}],
    },
    {
        "slug": "giriloyo-truntum-batik-sarong", "cooperative": "giriloyo-women-batik",
        "name": "Batik tulis Giriloyo — truntum sarong", "label": "Giriloyo truntum sarong",
        "category": "batik",
        "summary": "A sarong in the truntum pattern of small stars, drawn by hand; made to order.",
        "makers": "Drawn by the collective's senior batik makers, one cloth per woman.",
        "materials": "Cotton, beeswax, indigo and soga browns.",
        "process": "Drawn on both sides and dyed in three stages; about five weeks of work.",
        "place": "Giriloyo, Bantul, Yogyakarta.",
        "use": "Truntum — love that blossoms again — is worn by the parents at Javanese weddings. 200 × 105 cm.",
        "care": "Hand-wash gently; dry in the shade.",
        "price": "140.00", "stock": 0, "made_to_order": True, "lead_time_days": 40, "weight": 380,
        "size": (35, 25, 3),
        "palette": "indigo", "motif": "batik",
        "photos": ["Dark batik sarong scattered with small star flowers (illustration)",
                   "Truntum star flowers drawn in wax (illustration)"],
        "grades": [{"programme": "ovop-indonesia", "level": "4", "issued_at": "national",
                    "certificate": "OVOP-ID-4-0032", "issued_days_ago": 600}],
    },
    # --- Kauman, Pekalongan ---
    {
        "slug": "pekalongan-buketan-batik-cap", "cooperative": "kauman-batik-cap",
        "name": "Batik Pekalongan — buketan coastal batik, 2 m", "label": "Pekalongan buketan batik",
        "category": "batik",
        "summary": "Bright coastal batik with bouquets and birds, stamped with copper caps in Pekalongan.",
        "makers": "Stamped by Pak Rahmat and his team of five; coloured by hand (colet) by his wife Siti.",
        "materials": "Cotton, wax, fibre-reactive dyes.",
        "process": (
            "Hot copper stamps print the wax outline; the flowers are coloured in by brush before the ground "
            "is dyed, then the wax is boiled off."),
        "place": "Kauman, beside Pekalongan's great mosque, in the city of coastal batik.",
        "use": "Dressmaking, a tablecloth or a sarong; 200 × 110 cm.",
        "care": "Machine wash cold on a gentle cycle.",
        "price": "34.00", "stock": 25, "weight": 320, "size": (35, 25, 3),
        "palette": "plum", "motif": "batik",
        "photos": ["Pink and green batik with bouquets and small birds (illustration)",
                   "A copper batik stamp on the workshop table (illustration)"],
        "grades": [{"programme": "ovop-indonesia", "level": "3", "issued_at": "national",
                    "certificate": "OVOP-ID-3-0140", "issued_days_ago": 500}],
    },
    # --- Kasongan ---
    {
        "slug": "kasongan-terracotta-kendi", "cooperative": "kasongan-earthenware",
        "name": "Gerabah Kasongan — terracotta kendi water jug", "label": "Kasongan kendi",
        "category": "pottery",
        "summary": "The Javanese spouted water jug that keeps drinking water cool by slow evaporation.",
        "makers": "Thrown by Pak Suparno and burnished by his wife, Bu Tumini.",
        "materials": "Local red clay mixed with fine sand.",
        "process": "Thrown on a kick wheel, the spout added by hand, burnished with a stone, fired in a wood kiln.",
        "place": "Kasongan, south of Yogyakarta, a village of potters.",
        "use": "Drinking water at the table; fill through the neck, pour from the spout. 1.2 litres.",
        "care": "Rinse with clean water only; let dry before storing.",
        "price": "19.00", "stock": 22, "weight": 1100, "size": (18, 18, 26), "fragile": True,
        "palette": "terracotta", "motif": "vessel",
        "photos": ["Red clay water jug with a short spout (illustration)",
                   "The burnished shoulder of the jug (illustration)"],
        "grades": [{"programme": "ovop-indonesia", "level": "3", "issued_at": "national",
                    "certificate": "OVOP-ID-3-0155", "issued_days_ago": 500}],
    },
    # --- Kintamani ---
    {
        "slug": "kintamani-washed-arabica", "cooperative": "kintamani-subak-abian-coffee",
        "name": "Kopi Arabika Kintamani — washed, 250 g", "label": "Kintamani arabica",
        "category": "coffee",
        "summary": "Bali highland arabica grown among citrus trees: bright, with orange and brown sugar.",
        "makers": "Grown by the sixty-four farmers of one subak abian; processed at their shared wet mill.",
        "materials": "Arabica grown at 1,200–1,500 m on the Batur caldera, intercropped with citrus.",
        "process": (
            "Only red cherries are picked; they are pulped, fermented for a day and a half, washed and dried "
            "on raised beds, then roasted medium in Bangli."),
        "place": "Kintamani, where Indonesia registered its first geographical indication, for this coffee.",
        "use": "Filter, pour-over or French press; whole beans.",
        "care": "Keep sealed and cool; best within six weeks of roasting.",
        "season_note": "Harvest May to September.",
        "price": "12.00", "stock": 70, "weight": 280, "size": (20, 12, 6),
        "palette": "coffee", "motif": "beans",
        "photos": [
            "Bag of Bali arabica beans beside a small orange (illustration)",
            "Ripe red coffee cherries, close up (illustration)",
            "Coffee and citrus trees on the Batur caldera rim (illustration)",
        ],
        "grades": [{"programme": "ovop-indonesia", "level": "4", "issued_at": "national",
                    "certificate": "OVOP-ID-4-0047", "issued_days_ago": 450}],
    },
    # --- Sukarara ---
    {
        "slug": "sukarara-songket-sarong", "cooperative": "sukarara-songket",
        "name": "Songket Sukarara — hand-woven sarong", "label": "Sukarara songket",
        "category": "brocade-songket",
        "summary": "Sasak songket with supplementary-weft motifs in gold-coloured thread; made to order.",
        "makers": "Woven by Inaq Rumenah, who learned at ten and now teaches her granddaughters.",
        "materials": "Cotton and rayon thread, gold-coloured metallic thread.",
        "process": (
            "Woven on a backstrap loom (gedogan), the pattern picked up thread by thread with a stick; a sarong "
            "takes about two months."),
        "place": "Sukarara, Central Lombok, where girls learn to weave before they marry.",
        "use": "Ceremonial dress or a wall hanging; 180 × 60 cm.",
        "care": "Dry clean; store rolled.",
        "price": "180.00", "stock": 0, "made_to_order": True, "lead_time_days": 60, "weight": 500,
        "size": (35, 25, 4),
        "palette": "spice", "motif": "ikat",
        "photos": [
            "Red songket with gold geometric motifs (illustration)",
            "Gold supplementary weft, close up (illustration)",
            "A weaver at a backstrap loom on her veranda (illustration)",
        ],
        "grades": [{"programme": "ovop-indonesia", "level": "4", "issued_at": "national",
                    "certificate": "OVOP-ID-4-0059", "issued_days_ago": 450}],
    },
    # --- Kampung Sayong ---
    {
        "slug": "labu-sayong-water-gourd", "cooperative": "sayong-labu-potters",
        "name": "Labu sayong — black clay water gourd", "label": "Labu sayong",
        "category": "pottery",
        "summary": "Perak's gourd-shaped black clay pitcher, which keeps water cool and sweet.",
        "makers": "Made by Puan Rohani Ismail, the third generation of her family to make labu.",
        "materials": "Clay from the Perak River banks; rice husk for the blackening.",
        "process": (
            "Thrown or coiled, carved with simple motifs and fired; while still hot it is buried in rice husk, "
            "which smokes it black."),
        "place": "Kampung Sayong, across the river from Kuala Kangsar.",
        "use": "Drinking water; the porous clay cools it. 1 litre.",
        "care": "Rinse with water only; let dry upside down.",
        "price": "28.00", "stock": 10, "weight": 900, "size": (16, 16, 28), "fragile": True,
        "palette": "wood", "motif": "vessel",
        "photos": [
            "Black gourd-shaped clay pitcher with carved lines (illustration)",
            "The carved motif on the gourd's shoulder (illustration)",
        ],
        "grades": [{"programme": "sdsi-malaysia", "level": "district", "issued_at": "district",
                    "certificate": "SDSI-PRK-KK-014", "issued_days_ago": 700}],
    },
    # --- Kampung Penambang ---
    {
        "slug": "kelantan-hand-drawn-batik-scarf", "cooperative": "penambang-batik-songket",
        "name": "Batik Kelantan — hand-drawn silk scarf", "label": "Kelantan batik scarf",
        "category": "batik",
        "summary": "Malaysian batik in the free, painterly style: hibiscus drawn in wax and painted in by brush.",
        "makers": "Drawn and painted by Encik Azman Yusof and his niece Nurul.",
        "materials": "Silk crepe, wax, fibre-reactive dyes.",
        "process": "Wax outlines are drawn with a canting; colour is brushed between them, then the wax is removed.",
        "place": "Kampung Penambang, near Kota Bharu at the mouth of the Kelantan River.",
        "use": "Scarf or headscarf, 180 × 55 cm.",
        "care": "Hand-wash cold, iron on low.",
        "price": "48.00", "stock": 14, "weight": 100, "size": (25, 18, 3),
        "palette": "plum", "motif": "batik",
        "photos": ["Silk scarf painted with large hibiscus flowers (illustration)",
                   "Wax line and brushed colour on silk (illustration)"],
        "grades": [{"programme": "sdsi-malaysia", "level": "district", "issued_at": "district",
                    "certificate": "SDSI-KTN-KB-031", "issued_days_ago": 650}],
    },
    {
        "slug": "kelantan-songket-gold-thread", "cooperative": "penambang-batik-songket",
        "name": "Songket Kelantan — kain songket with gold thread", "label": "Kelantan songket",
        "category": "brocade-songket",
        "summary": "A length of songket with gold thread, woven on a traditional frame loom; made to order.",
        "makers": "Woven by Puan Zaiton Daud, who has woven songket for forty years.",
        "materials": "Silk, gold-coloured metallic thread.",
        "process": "The pattern threads are picked up by hand with a flat stick; about ten centimetres a day.",
        "place": "Kampung Penambang, Kota Bharu, Kelantan.",
        "use": "Baju Melayu sampin, wedding dress, or framed; 200 × 100 cm.",
        "care": "Dry clean; store rolled in acid-free tissue.",
        "price": "260.00", "stock": 0, "made_to_order": True, "lead_time_days": 75, "weight": 600,
        "size": (40, 12, 12),
        "palette": "spice", "motif": "ikat",
        "photos": ["Deep red songket with gold motifs (illustration)",
                   "Gold thread woven into silk, close up (illustration)"],
        "grades": [{"programme": "sdsi-malaysia", "level": "district", "issued_at": "district",
                    "certificate": "SDSI-KTN-KB-032", "issued_days_ago": 650}],
    },
    # --- Losong (pending cooperative) ---
    {
        "slug": "losong-keropok-keping", "cooperative": "losong-keropok-makers",
        "name": "Keropok keping — dried fish crackers to fry, 500 g", "label": "Keropok keping",
        "category": "snacks",
        "summary": "Sliced, sun-dried fish crackers that puff up in hot oil, made from the morning's catch.",
        "makers": "Made by Mak Som and her neighbours, twenty households of Losong.",
        "materials": "Fresh fish (ikan tamban and selayang), sago flour, salt.",
        "process": (
            "The fish is minced, kneaded with sago, rolled into logs and boiled, then sliced thin and dried in the "
            "sun for two days."),
        "place": "Losong, Kuala Terengganu, known across Malaysia for its keropok.",
        "use": "Deep-fry a few slices at a time until they puff; eat with chilli sauce.",
        "care": "Keep sealed and dry; keeps six months.",
        "price": "6.00", "stock": 100, "weight": 550, "size": (25, 18, 4),
        "palette": "spice", "motif": "peppercorns",
        "photos": ["Pale dried cracker slices in a clear bag (illustration)",
                   "Crackers puffed after frying (illustration)"],
    },
    {
        "slug": "losong-keropok-udang", "cooperative": "losong-keropok-makers", "status": "submitted",
        "name": "Keropok udang — prawn crackers, 500 g", "label": "Prawn crackers",
        "category": "snacks",
        "summary": "Prawn crackers to fry at home.",
        "makers": "Losong Keropok Makers.",
        "materials": "Prawns, sago flour, salt.",
        "process": "Minced, kneaded, boiled, sliced and sun-dried.",
        "place": "Losong, Kuala Terengganu.",
        "use": "Deep-fry until puffed.",
        "care": "Keep sealed and dry.",
        "price": "7.50", "stock": 60, "weight": 550, "size": (25, 18, 4),
        "palette": "spice", "motif": "peppercorns",
        "photos": ["Pink dried prawn cracker slices (illustration)",
                   "A bowl of fried prawn crackers (illustration)"],
    },
    # --- Villa Rica ---
    {
        "slug": "villa-rica-washed-arabica", "cooperative": "villa-rica-highland-coffee",
        "name": "Café de Villa Rica — washed arabica, 250 g", "label": "Villa Rica coffee",
        "category": "coffee",
        "summary": "Peruvian high-jungle arabica, washed and sun-dried: milk chocolate, caramel and a little citrus.",
        "makers": "Grown by forty-eight families; cupped and roasted by Rosa Egg, the association's quality lead.",
        "materials": "Arabica (Typica, Bourbon and Caturra) grown at 1,500–1,800 m under guava and pacae shade.",
        "process": (
            "Ripe cherries are picked over several passes, pulped the same day, fermented, washed and dried for "
            "two weeks in solar driers, then rested before roasting in Villa Rica."),
        "place": "Villa Rica, Oxapampa, in the central high jungle of Pasco.",
        "use": "Espresso, filter or cafetera; whole beans.",
        "care": "Keep sealed, cool and dark; best within six weeks of roasting.",
        "season_note": "Harvest April to August.",
        "price": "14.00", "stock": 55, "weight": 280, "size": (20, 12, 6),
        "palette": "coffee", "motif": "beans",
        "photos": [
            "Bag of Peruvian coffee beans with a green label (illustration)",
            "Roasted beans and a cup of coffee (illustration)",
            "Coffee rows under shade trees in the Villa Rica valley (illustration)",
        ],
        "grades": [{"programme": "un-pueblo-un-producto", "level": "emblematic", "issued_at": "national",
                    "certificate": "UPUP-PAS-0004", "issued_days_ago": 700}],
    },
    # --- La Coipa ---
    {
        "slug": "la-coipa-womens-coffee", "cooperative": "la-coipa-women-coffee",
        "name": "Café de mujeres La Coipa — 340 g", "label": "La Coipa women's coffee",
        "category": "coffee", "featured": True,
        "summary": "Coffee grown, picked and sold by women farmers in Cajamarca: panela sweetness, red apple, cacao.",
        "makers": "Thirty-five women farmers; Doña Elvira Campos chairs the group and cups every lot.",
        "materials": "Arabica (Caturra, Bourbon, Catimor) grown at 1,600–1,900 m.",
        "process": (
            "Each woman's coffee is picked, pulped and fermented on her farm and dried on raised beds; lots are "
            "cupped together and the best kept for this blend, roasted in Jaén."),
        "place": "La Coipa, San Ignacio, in the north of Cajamarca near the border with Ecuador.",
        "use": "Filter, espresso or moka pot; whole beans or ground (say which in the order note).",
        "care": "Keep sealed, cool and dark.",
        "season_note": "Harvest May to September.",
        "price": "15.00", "stock": 45, "weight": 380, "size": (22, 13, 7),
        "palette": "coffee", "motif": "beans",
        "photos": [
            "Coffee bag printed with women farmers' hands (illustration)",
            "Raised drying beds of coffee beans (illustration)",
            "Steep coffee farms of La Coipa in morning cloud (illustration)",
        ],
        "grades": [{"programme": "un-pueblo-un-producto", "level": "emblematic", "issued_at": "national",
                    "certificate": "UPUP-CAJ-0011", "issued_days_ago": 500}],
    },
    # --- Chinchero ---
    {
        "slug": "chinchero-chumpi-woven-belt", "cooperative": "chinchero-weavers",
        "name": "Chumpi — Chinchero hand-woven belt", "label": "Chinchero chumpi belt",
        "category": "cotton-hemp",
        "summary": "A narrow warp-faced belt in sheep's wool and alpaca, dyed with cochineal and mountain plants.",
        "makers": "Woven by members of the association, each of whom signs the label sewn to her belt.",
        "materials": "Sheep's wool and alpaca, hand-spun on a drop spindle; cochineal, q'olle, indigo.",
        "process": (
            "Wool is spun on a pushka spindle while walking, dyed in clay pots over a fire, and woven on a "
            "backstrap loom; the pattern is picked up from memory."),
        "place": "Chinchero, at 3,760 metres above the Sacred Valley of Cusco.",
        "use": "A belt, a guitar strap, or a tie-back. 180 × 4 cm.",
        "care": "Hand-wash cold with wool soap; dry flat.",
        "price": "32.00", "stock": 18, "weight": 120, "size": (20, 12, 3),
        "palette": "spice", "motif": "stripes",
        "photos": [
            "Narrow woven belt with red and white geometric patterns (illustration)",
            "Cochineal red in the woven belt, close up (illustration)",
            "Weavers at backstrap looms in a Chinchero courtyard (illustration)",
        ],
        "grades": [{"programme": "un-pueblo-un-producto", "level": "emblematic", "issued_at": "national",
                    "certificate": "UPUP-CUS-0019", "issued_days_ago": 800}],
    },
    {
        "slug": "chinchero-lliclla-shoulder-cloth", "cooperative": "chinchero-weavers",
        "name": "Lliclla — Chinchero shoulder cloth", "label": "Chinchero lliclla",
        "category": "cotton-hemp",
        "summary": "The square shoulder cloth Chinchero women wear, woven in two panels; made to order.",
        "makers": "Woven by one of the association's senior weavers, who spends about two months on each.",
        "materials": "Hand-spun sheep's wool and alpaca, natural dyes.",
        "process": "Two panels are woven on a backstrap loom and joined with a decorative stitch.",
        "place": "Chinchero, Urubamba, Cusco.",
        "use": "A shawl, a wall hanging or a table cover; about 100 × 100 cm.",
        "care": "Hand-wash cold with wool soap, dry flat.",
        "price": "165.00", "stock": 0, "made_to_order": True, "lead_time_days": 60, "weight": 600,
        "size": (35, 30, 5),
        "palette": "spice", "motif": "stripes",
        "photos": ["Square red woven shawl with bands of small motifs (illustration)",
                   "Joining stitch between the two panels (illustration)"],
    },
    # --- Quinua (pending cooperative) ---
    {
        "slug": "quinua-ceramic-church", "cooperative": "quinua-ceramics-workshop",
        "name": "Iglesia de Quinua — ceramic church", "label": "Quinua ceramic church",
        "category": "pottery",
        "summary": "A painted clay church of the kind set on Andean rooftops to bless and protect a home.",
        "makers": "Made by Don Teófilo Huamán's family of five.",
        "materials": "Local clay, mineral slips in cream, red and brown.",
        "process": "Built by hand from slabs and coils, painted with slips and fired in a wood kiln.",
        "place": "Quinua, beside the Pampa de Ayacucho.",
        "use": "On a roof ridge, a shelf or a windowsill; 24 cm tall.",
        "care": "Fragile; dust gently.",
        "price": "35.00", "stock": 8, "weight": 900, "size": (18, 12, 24), "fragile": True,
        "palette": "terracotta", "motif": "figure",
        "photos": ["Cream clay church with two bell towers and painted flowers (illustration)",
                   "The painted doorway of the clay church (illustration)"],
    },
    {
        "slug": "quinua-clay-candle-holder", "cooperative": "quinua-ceramics-workshop", "status": "submitted",
        "name": "Quinua clay candle holder", "label": "Quinua candle holder",
        "category": "pottery",
        "summary": "A small candle holder in the shape of a musician.",
        "makers": "Made by the Huamán family.",
        "materials": "Clay and mineral slips.",
        "process": "Modelled by hand, painted and wood-fired.",
        "place": "Quinua, Ayacucho.",
        "use": "For a tea light.",
        "care": "Never leave a candle burning unattended.",
        "price": "14.00", "stock": 12, "weight": 300, "size": (10, 10, 14), "fragile": True,
        "palette": "terracotta", "motif": "figure",
        "photos": ["Clay musician holding a candle cup (illustration)",
                   "The musician's painted poncho (illustration)"],
    },
]

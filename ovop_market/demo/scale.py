"""A national-scale catalog for benchmarks: Thailand's OTOP size, about 220,000 products from
100,000 producers, built in minutes.

Rows are written in bulk (``bulk_create`` in batches), not through the services: the services
index, audit and notify one product at a time, which is right for people and hours too slow for
a catalog. What the services would derive is derived here in bulk, the same way:

- the search columns (``search_name``, ``search_text``, ``search_vector``) hold exactly what
  ``catalog.search.product_search_refresh`` would store, built from folded name parts that are
  each folded (and Thai-segmented) once; on PostgreSQL the weighted vector is computed by the
  database in the insert itself, and the ``SearchTerm`` vocabulary is written once at the end;
- photos: a dozen pictures are drawn and made into renditions once, by the real pipeline, and
  every product photo row points at one of them (``renditions`` JSON), as if rendered.

The shape follows real programmes: category, province and village sizes are Zipf-like, a few
cooperatives are huge and most have one or two products, names are Vietnamese, Thai and Japanese
(and their Latin transliterations), most products are approved and most producers verified,
some hold OCOP stars or OTOP levels (a few expired), and orders, shipments, payments and reviews
come in proportion. The same seed gives the same catalog.

Every generated row is recognisable, so a second run refuses and ``scale_reset`` removes exactly
them: slugs start with ``sc-``, buyers' e-mails end with ``@scale.invalid``, order numbers start
with ``SC-``. Programmes and grade levels are shared with the demo data (created when missing,
never removed).
"""
import datetime
import hashlib
import io
import json
import math
import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from catalog.models import Category, Grade, GradeLevel, Product, ProductImage, Programme, Region, SearchTerm
from catalog.search import MAX_WORD_LENGTH, search_fold, search_words
from catalog.selectors import taxonomy_cache_clear
from ovop_market.models import User
from sellers.models import Cooperative

from . import data

SLUG_PREFIX = "sc-"
EMAIL_DOMAIN = "scale.invalid"
ORDER_PREFIX = "SC-"
# Above this many products SQLite would take too long and the figures would mean nothing.
SQLITE_MAX_PRODUCTS = 5000
BATCH = 5000
PICTURES = 12  # distinct rendered photos shared by every product photo
FEATURED = 48
# Tables whose secondary indexes are rebuilt once after the load instead of row by row.
BULK_TABLES = ("catalog_product", "catalog_productimage", "catalog_grade", "sellers_cooperative", "catalog_region",
               "orders_order", "orders_shipment", "orders_orderline", "orders_payment", "orders_review")


class ScaleDataPresent(Exception):
    """The scale catalog is already in this database."""


# --- vocabulary ----------------------------------------------------------------------------------------
# Economies: (slug, name, country code, share of producers, provinces, village naming).
ECONOMIES = [
    ("thailand", "Thailand", "TH", 0.52, [
        "Chiang Mai", "Khon Kaen", "Nakhon Ratchasima", "Ubon Ratchathani", "Chiang Rai", "Udon Thani", "Surin",
        "Lamphun", "Nan", "Sakon Nakhon", "Ratchaburi", "Suphan Buri", "Nakhon Si Thammarat", "Songkhla",
        "Kalasin", "Roi Et", "Phra Nakhon Si Ayutthaya", "Phrae", "Lampang", "Buri Ram", "Si Sa Ket",
        "Maha Sarakham", "Chaiyaphum", "Bangkok", "Phetchabun", "Sukhothai", "Loei", "Nong Khai",
    ]),
    ("viet-nam", "Viet Nam", "VN", 0.30, [
        "Hà Nội", "Bắc Ninh", "Nam Định", "Thái Bình", "Hà Nam", "Ninh Bình", "Thanh Hóa", "Nghệ An",
        "Thừa Thiên Huế", "Quảng Nam", "Đà Nẵng", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Gia Lai", "Sơn La",
        "Lào Cai", "Hà Giang", "Cao Bằng", "Lạng Sơn", "Thái Nguyên", "Phú Thọ", "An Giang", "Bến Tre",
        "Cần Thơ", "Sóc Trăng", "Cà Mau", "Hồ Chí Minh",
    ]),
    ("japan", "Japan", "JP", 0.12, [
        "Ōita", "Kyōto", "Ishikawa", "Saga", "Niigata", "Gifu", "Okinawa", "Iwate", "Kagoshima", "Shimane",
        "Tochigi", "Fukuoka",
    ]),
    ("laos", "Laos", "LA", 0.04, ["Luang Prabang", "Vientiane", "Champasak", "Xieng Khouang"]),
    ("cambodia", "Cambodia", "KH", 0.02, ["Siem Reap", "Kampong Chhnang", "Takéo"]),
]
LANGUAGE_OF = {"TH": "th", "VN": "vi", "JP": "ja", "LA": "th", "KH": "vi"}

# Syllables place names are made of: (native script, Latin transliteration).
THAI_SYLLABLES = [
    ("หนอง", "Nong"), ("บัว", "Bua"), ("นา", "Na"), ("โพธิ์", "Pho"), ("ดอน", "Don"), ("แก้ว", "Kaeo"),
    ("ทุ่ง", "Thung"), ("หลวง", "Luang"), ("ป่า", "Pa"), ("ตาล", "Tan"), ("โคก", "Khok"), ("สูง", "Sung"),
    ("ใหม่", "Mai"), ("เหนือ", "Nuea"), ("ห้วย", "Huai"), ("ทราย", "Sai"), ("ขาม", "Kham"), ("หิน", "Hin"),
    ("ลาด", "Lat"), ("กลาง", "Klang"), ("ม่วง", "Muang"), ("น้ำ", "Nam"), ("ช้าง", "Chang"), ("เขา", "Khao"),
    ("ไร่", "Rai"), ("ศรี", "Si"), ("สว่าง", "Sawang"), ("โนน", "Non"), ("สระ", "Sa"), ("เวียง", "Wiang"),
]
VIET_SYLLABLES = [
    "Bát", "Tràng", "Vạn", "Phúc", "Đông", "Hồ", "Thanh", "Hà", "Phú", "Vinh", "Mỹ", "Tân", "An", "Bình",
    "Long", "Hòa", "Xuân", "Sơn", "Quảng", "Đức", "Lộc", "Thọ", "Yên", "Nghĩa", "Trung", "Hưng", "Cát",
    "Kim", "Ngọc", "Thủy", "Đình", "Làng", "Chu", "Đậu", "Phước", "Lâm", "Khê", "Nhị",
]
JAPANESE_SYLLABLES = [
    ("山", "yama"), ("川", "kawa"), ("田", "ta"), ("中", "naka"), ("上", "kami"), ("下", "shimo"), ("大", "ō"),
    ("小", "ko"), ("石", "ishi"), ("木", "ki"), ("野", "no"), ("沢", "sawa"), ("原", "hara"), ("松", "matsu"),
    ("竹", "take"), ("本", "moto"), ("島", "shima"), ("湯", "yu"), ("森", "mori"), ("岡", "oka"),
]

# Category tree: (top slug, name, [(leaf slug, leaf name, weight, price range, grams, materials,
#   {language: [(native name, Latin name)]})]). Weights make a few categories huge.
CATEGORIES = [
    ("textiles", "Textiles", [
        ("silk", "Silk", 30, (18, 260), 250, "Silk reeled from the village's own cocoons, dyed with lac and indigo.", {
            "th": [
                ("ผ้าไหมมัดหมี่", "Mudmee silk"),
                ("ผ้าไหมแพรวา", "Praewa silk shawl"),
                ("ผ้าซิ่นไหม", "Pha sin silk skirt"),
            ],
            "vi": [("Khăn lụa tơ tằm", "Silk scarf"), ("Lụa Vạn Phúc", "Van Phuc silk"), ("Áo dài lụa", "Silk ao dai")],
            "ja": [("結城紬", "Yūki-tsumugi silk"), ("西陣織 帯", "Nishijin-ori obi")],
        }),
        ("cotton-indigo", "Cotton and indigo", 22, (8, 90), 300, "Hand-spun cotton dyed in fermented indigo vats.", {
            "th": [
                ("ผ้าฝ้ายทอมือ", "Handwoven cotton"),
                ("ผ้าครามสกลนคร", "Sakon indigo cloth"),
                ("ผ้าขาวม้า", "Pha khao ma"),
            ],
            "vi": [
                ("Vải chàm", "Indigo cloth"),
                ("Thổ cẩm", "Brocade runner"),
                ("Khăn bông dệt tay", "Handwoven towel"),
            ],
            "ja": [("藍染 手ぬぐい", "Aizome tenugui"), ("久留米絣", "Kurume-gasuri cotton")],
        }),
    ]),
    ("ceramics", "Ceramics", [
        ("pottery", "Pottery", 26, (6, 180), 900, "Local clay thrown on the wheel and fired in a wood kiln.", {
            "th": [
                ("โอ่งมังกร", "Dragon jar"),
                ("เครื่องปั้นดินเผา", "Earthenware pot"),
                ("ถ้วยเซรามิก", "Ceramic cup"),
            ],
            "vi": [
                ("Bình gốm men lam", "Blue-glaze vase"),
                ("Bộ ấm chén gốm", "Ceramic tea set"),
                ("Bát gốm", "Ceramic bowl"),
            ],
            "ja": [
                ("有田焼 湯呑み", "Arita-yaki yunomi"),
                ("備前焼 花入", "Bizen-yaki vase"),
                ("益子焼 皿", "Mashiko-yaki plate"),
            ],
        }),
        ("celadon", "Celadon and porcelain", 6, (20, 300), 700, "Glazed with wood ash and fired past 1,250 °C.", {
            "th": [("เครื่องเคลือบศิลาดล", "Celadon bowl"), ("เบญจรงค์", "Benjarong jar")],
            "vi": [("Gốm men ngọc", "Celadon dish"), ("Sứ Bát Tràng", "Bat Trang porcelain")],
            "ja": [("九谷焼 小皿", "Kutani-yaki dish"), ("波佐見焼 マグ", "Hasami-yaki mug")],
        }),
    ]),
    ("food", "Food and pantry", [
        ("sauces-pastes", "Sauces and pastes", 40, (2, 25), 400,
         "Fermented for months in clay jars, no preservatives.", {
            "th": [
                ("น้ำพริกเผา", "Nam phrik phao chilli paste"),
                ("น้ำปลา", "Fish sauce"),
                ("กะปิ", "Kapi shrimp paste"),
            ],
            "vi": [("Nước mắm", "Fish sauce"), ("Tương bần", "Ban soybean sauce"), ("Mắm tôm", "Shrimp paste")],
            "ja": [("味噌", "Miso"), ("醤油", "Shōyu soy sauce"), ("柚子胡椒", "Yuzu koshō")],
        }),
        ("sweets-snacks", "Sweets and snacks", 34, (2, 20), 250,
         "Cooked over charcoal in small batches each morning.", {
            "th": [("ทองม้วน", "Thong muan rolls"), ("มะขามแก้ว", "Tamarind candy"), ("ขนมเปี๊ยะ", "Khanom pia")],
            "vi": [("Bánh cốm", "Green rice cake"), ("Kẹo dừa", "Coconut candy"), ("Mè xửng", "Sesame candy")],
            "ja": [("干し柿", "Hoshigaki dried persimmon"), ("羊羹", "Yōkan")],
        }),
        ("rice-grains", "Rice and grains", 18, (3, 30), 1000, "Grown in terraced paddies and milled to order.", {
            "th": [("ข้าวหอมมะลิ", "Hom mali jasmine rice"), ("ข้าวไรซ์เบอร์รี่", "Riceberry rice")],
            "vi": [("Gạo ST25", "ST25 rice"), ("Gạo nếp cái hoa vàng", "Golden flower sticky rice")],
            "ja": [("コシヒカリ", "Koshihikari rice")],
        }),
        ("dried-fruit", "Dried fruit", 12, (3, 24), 300, "Sun-dried on bamboo racks, nothing added.", {
            "th": [("มะม่วงอบแห้ง", "Dried mango"), ("กล้วยตาก", "Sun-dried banana")],
            "vi": [("Mít sấy", "Dried jackfruit"), ("Vải sấy", "Dried lychee")],
            "ja": [("ドライみかん", "Dried mikan")],
        }),
    ]),
    ("tea-coffee", "Tea and coffee", [
        ("tea", "Tea", 20, (4, 80), 200, "Picked by hand at dawn and rolled the same day.", {
            "th": [("ชาอู่หลง", "Oolong tea"), ("ชาเขียว", "Green tea"), ("ชาอัสสัม", "Assam tea")],
            "vi": [
                ("Chè Shan tuyết", "Shan tuyet tea"),
                ("Trà sen", "Lotus tea"),
                ("Chè Thái Nguyên", "Thai Nguyen tea"),
            ],
            "ja": [("八女茶", "Yame tea"), ("宇治抹茶", "Uji matcha")],
        }),
        ("coffee", "Coffee", 14, (6, 60), 250, "Shade-grown beans, washed and roasted in the village.", {
            "th": [("กาแฟอาราบิก้า", "Arabica coffee"), ("กาแฟดอยช้าง", "Doi Chang coffee")],
            "vi": [("Cà phê Robusta", "Robusta coffee"), ("Cà phê Arabica Cầu Đất", "Cau Dat arabica")],
            "ja": [("コーヒー豆", "Coffee beans")],
        }),
    ]),
    ("drinks", "Drinks", [
        ("rice-wine", "Rice wine and spirits", 8, (6, 90), 800, "Distilled from sticky rice and aged in earthenware.", {
            "th": [("สาโท", "Sato rice wine"), ("ไวน์ผลไม้", "Fruit wine")],
            "vi": [("Rượu nếp", "Sticky rice wine"), ("Rượu Bàu Đá", "Bau Da rice spirit")],
            "ja": [("日本酒", "Sake"), ("焼酎", "Shōchū")],
        }),
    ]),
    ("crafts", "Crafts and homeware", [
        ("bamboo-rattan", "Bamboo and rattan", 24, (4, 120), 500, "Split, smoked and woven by hand.", {
            "th": [("กระติบข้าว", "Kratip rice basket"), ("ตะกร้าไม้ไผ่", "Bamboo basket"), ("เสื่อกก", "Reed mat")],
            "vi": [("Giỏ mây", "Rattan basket"), ("Làn tre", "Bamboo tote"), ("Chiếu cói", "Sedge mat")],
            "ja": [("竹かご", "Takekago basket"), ("曲げわっぱ", "Magewappa box")],
        }),
        ("wood-lacquer", "Wood and lacquer", 10, (10, 400), 600,
         "Carved from reclaimed timber and finished in lacquer.", {
            "th": [("ไม้แกะสลัก", "Wood carving"), ("เครื่องเขิน", "Lacquerware")],
            "vi": [("Tranh sơn mài", "Lacquer painting"), ("Tượng gỗ", "Wood carving")],
            "ja": [("輪島塗 椀", "Wajima-nuri bowl"), ("こけし", "Kokeshi doll")],
        }),
        ("paper-umbrellas", "Paper and umbrellas", 5, (3, 70), 200, "Mulberry bark paper, made sheet by sheet.", {
            "th": [("ร่มบ่อสร้าง", "Bo Sang umbrella"), ("กระดาษสา", "Sa paper")],
            "vi": [("Giấy dó", "Do paper"), ("Tranh Đông Hồ", "Dong Ho print")],
            "ja": [("美濃和紙", "Mino washi"), ("和傘", "Wagasa umbrella")],
        }),
        ("silver-metal", "Silver and metal", 3, (15, 500), 150, "Hammered and chased by hand.", {
            "th": [("เครื่องเงิน", "Silverware"), ("มีดอรัญญิก", "Aranyik knife")],
            "vi": [("Bạc Đồng Xâm", "Dong Xam silver"), ("Đồng Đại Bái", "Dai Bai bronze")],
            "ja": [("南部鉄器", "Nambu tekki kettle"), ("銅器", "Copperware")],
        }),
    ]),
    ("herbal-beauty", "Herbal and beauty", [
        ("herbal", "Herbal remedies", 16, (2, 30), 120,
         "Herbs from the community forest, prepared to a family recipe.", {
            "th": [("ยาหม่อง", "Yahom balm"), ("ลูกประคบ", "Herbal compress"), ("ยาดม", "Ya dom inhaler")],
            "vi": [("Cao gừng", "Ginger balm"), ("Tinh dầu tràm", "Cajeput oil")],
            "ja": [("薬草茶", "Herbal tea")],
        }),
        ("soap-cosmetics", "Soap and cosmetics", 9, (2, 35), 120, "Cold-process soap with rice bran and coconut oil.", {
            "th": [("สบู่สมุนไพร", "Herbal soap"), ("สบู่น้ำนมข้าว", "Rice milk soap")],
            "vi": [("Xà phòng thảo mộc", "Herbal soap"), ("Dầu dừa", "Coconut oil")],
            "ja": [("椿油", "Tsubaki oil"), ("米ぬか石鹸", "Rice bran soap")],
        }),
    ]),
]
VARIANTS = ["", "", "", "gift box", "500 g", "250 g", "set of 6", "large", "small", "natural", "hand-painted",
            "organic", "family recipe", "limited", "classic", "No. 2", "No. 3", "blue", "red", "travel size"]
COOPERATIVE_WORDS = {
    "th": [
        ("วิสาหกิจชุมชน", "Community Enterprise"),
        ("กลุ่มแม่บ้าน", "Housewives Group"),
        ("กลุ่มทอผ้า", "Weaving Group"),
    ],
    "vi": [("Hợp tác xã", "Cooperative"), ("Làng nghề", "Craft Village"), ("Tổ hợp tác", "Cooperative Group")],
    "ja": [("組合", "Guild"), ("工房", "Workshop"), ("生産者の会", "Producers")],
}
FIRST_NAMES = ["Lan", "Mai", "Somchai", "Malee", "Aiko", "Hiro", "Thu", "Nok", "Yuki", "Anh", "Pim", "Kenji"]
REVIEW_TEXTS = [
    "", "", "Beautiful work, exactly as pictured.", "Arrived well packed.", "Tastes like home.",
    "A gift for my mother, she loved it.", "Smaller than I expected, still lovely.", "Will order again.",
    "Rất đẹp, cảm ơn!", "ของดีมาก ส่งไว", "とても良いです。",
]


# --- the run --------------------------------------------------------------------------------------------

@dataclass
class _Size:
    products: int
    producers: int
    orders: int


@dataclass
class _Catalog:
    """What the generator keeps between steps (ids and names, never model instances in bulk)."""

    rng: random.Random
    today: datetime.date
    now: datetime.datetime
    folded: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    vocabulary: set = field(default_factory=set)
    economies: list = field(default_factory=list)  # (Region, code)
    villages: list = field(default_factory=list)  # (id, name, country code, places words)
    leaves: list = field(default_factory=list)  # (Category id, spec, words)
    cooperatives: list = field(default_factory=list)  # (id, name words, language, village index, leaves)
    products_of: dict = field(default_factory=lambda: defaultdict(list))  # coop index -> product ids
    product_facts: dict = field(default_factory=dict)  # product id -> (name, price, mto, lead, grams, coop index)
    pictures: list = field(default_factory=list)
    picture_count: int = PICTURES


def scale_products_present() -> int:
    return Product.objects.filter(slug__startswith=SLUG_PREFIX).count()


def scale_pictures_ensure(*, pictures: int = PICTURES) -> int:
    """Render the shared photo files into this checkout's media folder if they are missing (a fresh
    clone using a database seeded from another checkout). Rendering is deterministic, so the files
    get the names the database's photo rows already point at. Returns how many pictures there are."""
    run = _Catalog(rng=random.Random(0), today=timezone.localdate(), now=timezone.now(), picture_count=pictures)
    _render_pictures(run, None)
    return len(run.pictures)


def scale_seed(*, products: int, producers: int, orders: int | None = None, seed: int = 7, pictures: int = PICTURES,
               log=print) -> dict:
    """Build the scale catalog; ``ScaleDataPresent`` if one is already here.

    Returns ``{"counts": {...}, "timings": {...}, "seconds": total}``.
    """
    if products < 1 or producers < 1:
        raise ValueError("products and producers must be positive")
    present = scale_products_present()
    if present:
        raise ScaleDataPresent(
            f"This database already holds the scale catalog ({present} products). "
            "Run with --reset to remove it and build it again."
        )
    size = _Size(products, min(producers, products), products // 4 if orders is None else orders)
    now = timezone.now()
    run = _Catalog(rng=random.Random(seed), today=timezone.localdate(), now=now, picture_count=pictures)
    started = time.perf_counter()
    steps = [
        ("pictures", _render_pictures), ("regions", _build_regions), ("categories", _build_categories),
        ("programmes", _ensure_programmes), ("cooperatives", _build_cooperatives), ("products", _build_products),
        ("photos", _build_photos), ("grades", _build_grades), ("vocabulary", _build_vocabulary),
        ("orders", _build_orders),
    ]
    with transaction.atomic():
        loaded = _IndexesSetAside(BULK_TABLES)
        with loaded:
            for name, step in steps:
                began = time.perf_counter()
                step(run, size)
                run.timings[name] = round(time.perf_counter() - began, 1)
                log(f"  {name}: {run.timings[name]} s")
            began = time.perf_counter()
        run.timings["indexes"] = round(time.perf_counter() - began, 1)
        log(f"  indexes: {run.timings['indexes']} s ({len(loaded.definitions)} rebuilt)")
        began = time.perf_counter()
        _analyse(run, size)
        run.timings["analyse"] = round(time.perf_counter() - began, 1)
    transaction.on_commit(taxonomy_cache_clear)
    taxonomy_cache_clear()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Mark the new pages all-visible, so counts and deep pages are index-only scans at once
        # rather than after autovacuum gets round to 220,000 fresh rows.
        began = time.perf_counter()
        with connection.cursor() as cursor:
            for table in BULK_TABLES:
                if table in connection.introspection.table_names():
                    cursor.execute(f"VACUUM (ANALYZE) {table}")  # noqa: S608 (fixed names)
        run.timings["vacuum"] = round(time.perf_counter() - began, 1)
        log(f"  vacuum: {run.timings['vacuum']} s")
    return {"counts": dict(run.counts), "timings": run.timings, "seconds": round(time.perf_counter() - started, 1)}


def scale_reset(*, log=print) -> dict:
    """Remove every row the scale seed made (and nothing else); returns counts per table.

    In SQL, following the models' own ``on_delete`` rules (cascade, set null; a protected row
    outside the scale catalog stops the reset): the ORM's collector would load 220,000 products
    into memory to do the same.
    """
    like = SLUG_PREFIX + "%"
    from orders.models import Order

    counts = Counter()
    tables = set(connection.introspection.table_names())
    with transaction.atomic(), connection.cursor() as cursor:
        roots = [(Order, "number LIKE %s", [ORDER_PREFIX + "%"], "orders"),
                 (Product, "slug LIKE %s", [like], "products"),
                 (Cooperative, "slug LIKE %s", [like], "producers"),
                 (User, "email LIKE %s", ["%@" + EMAIL_DOMAIN], "buyers")]
        for model, where, params, label in roots:
            if model._meta.db_table in tables:
                _sql_delete(cursor, model, where, params, counts, tables, label=label)
        # Programmes outlive the scale catalog; they only lose their economy.
        cursor.execute("UPDATE catalog_programme SET economy_id = NULL WHERE economy_id IN "
                       "(SELECT id FROM catalog_region WHERE slug LIKE %s)", [like])
        for label, table in (("regions", "catalog_region"), ("categories", "catalog_category")):
            cursor.execute(f"DELETE FROM {table} WHERE slug LIKE %s", [like])  # noqa: S608 (fixed names)
            counts[label] += cursor.rowcount
    for label, count in counts.items():
        if count:
            log(f"  removed {count} {label}")
    taxonomy_cache_clear()
    return dict(counts)


def _columns(cursor, table: str) -> set[str]:
    return {column.name for column in connection.introspection.get_table_description(cursor, table)}


def _sql_delete(cursor, model, where: str, params: list, counts: Counter, tables: set, *, label: str) -> None:
    """DELETE the rows of ``model`` matching ``where``, after what refers to them, by their rules."""
    from django.db.models import CASCADE, PROTECT, RESTRICT, SET_NULL

    table = model._meta.db_table
    chosen = f"SELECT id FROM {table} WHERE {where}"  # noqa: S608 (model tables, parameters apart)
    for m2m in model._meta.many_to_many:
        through = m2m.remote_field.through._meta
        if through.auto_created and through.db_table in tables:
            column = m2m.m2m_column_name()
            cursor.execute(f"DELETE FROM {through.db_table} WHERE {column} IN ({chosen})", params)  # noqa: S608
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.one_to_many or relation.one_to_one) or relation.concrete:
            continue
        related, column = relation.related_model, relation.field.column
        if related._meta.db_table not in tables or related._meta.auto_created:
            continue
        if column not in _columns(cursor, related._meta.db_table):  # a model ahead of its migration
            continue
        rule = relation.field.remote_field.on_delete
        condition = f"{column} IN ({chosen})"
        if rule is CASCADE:
            _sql_delete(cursor, related, condition, params, counts, tables,
                        label=str(related._meta.verbose_name_plural))
        elif rule is SET_NULL:
            cursor.execute(f"UPDATE {related._meta.db_table} SET {column} = NULL WHERE {condition}",  # noqa: S608
                           params)
        elif rule in (PROTECT, RESTRICT):
            cursor.execute(f"SELECT 1 FROM {related._meta.db_table} WHERE {condition} LIMIT 1", params)  # noqa: S608
            if cursor.fetchone():
                raise ValueError(f"{related._meta.label} rows outside the scale catalog refer to its {label}")
    cursor.execute(f"DELETE FROM {table} WHERE {where}", params)  # noqa: S608
    counts[label] += cursor.rowcount


# --- helpers ----------------------------------------------------------------------------------------------

def _fold(run: _Catalog, text: str) -> str:
    """The search words of ``text`` joined by spaces, computed once per distinct text.

    Names are made of parts joined by spaces, and folding never joins words across a space, so
    folding the parts one by one gives exactly what folding the whole would.
    """
    words = run.folded.get(text)
    if words is None:
        words = run.folded[text] = " ".join(search_words(text))
    return words


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _zipf_cumulative(count: int, exponent: float = 1.0, offset: float = 1.0) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(count):
        total += 1.0 / (rank + offset) ** exponent
        cumulative.append(total)
    return cumulative


def _bulk(model, rows, *, run: _Catalog, label: str, search_texts=None) -> None:
    """Insert ``rows`` (primary keys already set): COPY on PostgreSQL, ``bulk_create`` elsewhere.

    ``search_texts`` (products only) are the (A, B, C) weighted texts of each row: PostgreSQL
    builds the vector from them exactly as ``product_search_refresh`` does.
    """
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy(model, rows, search_texts=search_texts)
    else:
        for start in range(0, len(rows), BATCH):
            model.objects.bulk_create(rows[start:start + BATCH], batch_size=BATCH)
    run.counts[label] += len(rows)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False).translate(_COPY_ESCAPES)
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        value = value.name
    return str(value).translate(_COPY_ESCAPES)


def _copy(model, rows, *, search_texts=None) -> None:
    fields = [f for f in model._meta.concrete_fields if f.column != "search_vector"]
    now = timezone.now()
    columns = [f.column for f in fields]
    lines = []
    for index, row in enumerate(rows):
        values = []
        for f in fields:
            value = getattr(row, f.attname)
            if value is None and (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)):
                value = now
            values.append(_copy_value(value))
        if search_texts is not None:
            values.extend(_copy_value(text) for text in search_texts[index])
        lines.append("\t".join(values))
    buffer = io.StringIO("\n".join(lines) + "\n")
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if search_texts is None:
            cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
            return
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS scale_stage (LIKE {table}) ON COMMIT DROP")
        cursor.execute("ALTER TABLE scale_stage ADD COLUMN IF NOT EXISTS text_a text, "
                       "ADD COLUMN IF NOT EXISTS text_b text, ADD COLUMN IF NOT EXISTS text_c text")
        cursor.execute("TRUNCATE scale_stage")
        cursor.copy_expert(f"COPY scale_stage ({', '.join(columns)}, text_a, text_b, text_c) FROM STDIN", buffer)
        listed = ", ".join(columns)
        cursor.execute(
            f"INSERT INTO {table} ({listed}, search_vector) SELECT {listed}, "  # noqa: S608 (model columns)
            "setweight(to_tsvector('simple'::regconfig, COALESCE(text_a, '')), 'A') || "
            "setweight(to_tsvector('simple'::regconfig, COALESCE(text_b, '')), 'B') || "
            "setweight(to_tsvector('simple'::regconfig, COALESCE(text_c, '')), 'C') FROM scale_stage"
        )


class _IndexesSetAside:
    """On PostgreSQL, drop the secondary indexes of ``tables`` while rows pour in and build them
    again afterwards from their own definitions: one sort per index instead of 220,000 updates.
    Indexes that back a constraint (primary key, unique) stay."""

    def __init__(self, tables):
        self.tables = tables
        self.definitions = []

    def __enter__(self):
        if connection.vendor != "postgresql":
            return self
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) "
                "AND i.schemaname = current_schema() AND NOT EXISTS ("
                "  SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || "
                "  quote_ident(i.indexname))::regclass)",
                [list(self.tables)],
            )
            self.definitions = cursor.fetchall()
            for name, _definition in self.definitions:
                cursor.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, *exc):
        if exc[0] is None and self.definitions:
            with connection.cursor() as cursor:
                # The foreign keys are checked now: an index cannot be built with checks pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for _name, definition in self.definitions:
                    cursor.execute(definition)
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return False


def _reserve_ids(model, count: int) -> int:
    """The first of ``count`` consecutive primary keys nobody else will be given."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
            first = cursor.fetchone()[0]
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + count])
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 (a model's table)
            highest = cursor.fetchone()[0]
            if highest >= first:  # rows inserted with explicit ids before: move past them
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, highest + count + 1])
                first = highest + 1
            return first
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
        return cursor.fetchone()[0] + 1


# --- steps ---------------------------------------------------------------------------------------------------

def _render_pictures(run: _Catalog, size: _Size) -> None:
    """A dozen photos through the real rendition pipeline, once; reused by later runs."""
    from catalog.imaging import renditions_make

    from .images import MOTIFS, PALETTES, picture

    palettes = sorted(PALETTES)
    for index in range(run.picture_count):
        folder = f"renditions/products/scale/{index}"
        manifest_name = f"{folder}/manifest.txt"
        original = f"originals/products/scale/{index}.jpg"
        if default_storage.exists(manifest_name):
            with default_storage.open(manifest_name, "rb") as manifest:
                run.pictures.append(_manifest_read(manifest.read().decode()))
            continue
        source = picture(title=f"Village product {index + 1}", subtitle="OVOP Market", variant=index % 3,
                         palette=palettes[index % len(palettes)], motif=MOTIFS[index % len(MOTIFS)], size=(1200, 900))
        made = renditions_make(source)
        fingerprint = hashlib.sha256(source).hexdigest()
        entries = []
        for rendition in made.renditions:
            name = f"{folder}/{fingerprint[:16]}-{rendition.kind}-{rendition.width}.{rendition.format}"
            if not default_storage.exists(name):
                default_storage.save(name, ContentFile(rendition.data))
            entries.append({"kind": rendition.kind, "width": rendition.width, "height": rendition.height,
                            "format": rendition.format, "name": name})
        if not default_storage.exists(original):
            default_storage.save(original, ContentFile(source))
        facts = {"original": original, "width": made.width, "height": made.height,
                 "colour": made.placeholder_colour, "fingerprint": fingerprint, "renditions": entries}
        default_storage.save(manifest_name, ContentFile(_manifest_write(facts).encode()))
        run.pictures.append(facts)
    run.counts["rendered pictures"] = len(run.pictures)


def _manifest_write(facts: dict) -> str:
    return json.dumps(facts)


def _manifest_read(text: str) -> dict:
    return json.loads(text)


def _place_name(run: _Catalog, code: str, *, village: bool) -> str:
    rng = run.rng
    if code in ("TH", "LA"):
        first, second = rng.sample(THAI_SYLLABLES, 2)
        # Half the Thai places are written in Thai, half in the Latin transliteration.
        if rng.random() < 0.5:
            return ("บ้าน" if village else "") + first[0] + second[0]
        return ("Ban " if village else "") + f"{first[1]} {second[1]}"
    if code == "JP":
        first, second = rng.sample(JAPANESE_SYLLABLES, 2)
        if rng.random() < 0.5:
            return first[0] + second[0] + ("村" if village else "町")
        return (first[1] + second[1]).capitalize()
    first, second = rng.sample(VIET_SYLLABLES, 2)
    return f"{first} {second}"


def _build_regions(run: _Catalog, size: _Size) -> None:
    """Economies > provinces > districts > villages, about one village per 12 producers."""
    rng = run.rng
    villages_wanted = max(12, size.producers // 12)
    regions, serial = [], 0
    first_id = _reserve_ids(Region, villages_wanted * 2 + 500)
    next_id = iter(range(first_id, first_id + villages_wanted * 2 + 500))

    def region(name, kind, parent, **extra):
        nonlocal serial
        serial += 1
        slug_base = slugify(search_fold(name))[:50] or "place"
        path_parent = parent.path if parent else ""
        slug = f"{SLUG_PREFIX}{slug_base}-{serial}"
        node = Region(id=next(next_id), name=name, slug=slug, kind=kind, parent=parent,
                      path=f"{path_parent}{slug}/", depth=(parent.depth + 1) if parent else 0, **extra)
        regions.append(node)
        return node

    for slug, name, code, share, provinces in ECONOMIES:
        economy = region(name, Region.Kind.ECONOMY, None, country_code=code, story=f"Villages of {name}.")
        run.economies.append((economy, code, slug))
        province_weights = _zipf_cumulative(len(provinces), 0.9)
        total = province_weights[-1]
        for index, province_name in enumerate(provinces):
            weight = (province_weights[index] - (province_weights[index - 1] if index else 0)) / total
            province_villages = max(1, round(villages_wanted * share * weight))
            province = region(province_name, Region.Kind.PROVINCE, economy)
            districts = max(1, round(math.sqrt(province_villages)))
            district_nodes = [region(_place_name(run, code, village=False), Region.Kind.DISTRICT, province)
                              for _ in range(districts)]
            for v in range(province_villages):
                district = district_nodes[v % districts]
                village = region(_place_name(run, code, village=True), Region.Kind.VILLAGE, district,
                                 featured=rng.random() < 0.002)
                places = [village.name, economy.name, province.name, district.name]
                run.villages.append((village.id, village.name, code, _join(*(_fold(run, p) for p in places))))
    _bulk(Region, regions, run=run, label="regions")


def _build_categories(run: _Catalog, size: _Size) -> None:
    rows, first = [], _reserve_ids(Category, 100)
    ids = iter(range(first, first + 100))
    for position, (slug, name, leaves) in enumerate(CATEGORIES):
        top = Category(id=next(ids), name=name, slug=f"{SLUG_PREFIX}{slug}", position=position, parent=None,
                       path=f"{SLUG_PREFIX}{slug}/", depth=0)
        rows.append(top)
        for leaf_position, spec in enumerate(leaves):
            leaf_slug, leaf_name = spec[0], spec[1]
            leaf = Category(id=next(ids), name=leaf_name, slug=f"{SLUG_PREFIX}{leaf_slug}", position=leaf_position,
                            parent=top, path=f"{top.path}{SLUG_PREFIX}{leaf_slug}/", depth=1)
            rows.append(leaf)
            run.leaves.append((leaf.id, spec, _join(_fold(run, name), _fold(run, leaf_name))))
    _bulk(Category, rows, run=run, label="categories")


def _ensure_programmes(run: _Catalog, size: _Size) -> None:
    """The demo's programmes and grade scales, created when this database has none of them."""
    economies = {slug: region for region, _code, slug in run.economies}
    for spec in data.PROGRAMMES:
        programme, _created = Programme.objects.get_or_create(
            slug=spec["slug"],
            defaults={"name": spec["name"], "code": spec["code"], "economy": economies.get(spec["economy"]),
                      "description": spec["description"], "validity_months": spec.get("validity_months"),
                      "rubric": spec.get("rubric", []), "position": spec["position"]},
        )
        for level in spec["levels"]:
            GradeLevel.objects.get_or_create(
                programme=programme, code=level["code"],
                defaults={"name": level["name"], "slug": f"{spec['slug']}-{level['code']}".lower(),
                          "rank": level["rank"], "min_score": level.get("min_score"),
                          "description": level["description"]},
            )


def _build_cooperatives(run: _Catalog, size: _Size) -> None:
    """Producers in villages chosen by a Zipf law (craft villages hold hundreds of them)."""
    rng = run.rng
    village_cumulative = _zipf_cumulative(len(run.villages), 0.8, offset=3)
    leaf_cumulative = []
    total = 0.0
    for _id, spec, _words in run.leaves:
        total += spec[2]
        leaf_cumulative.append(total)
    village_indexes = rng.choices(range(len(run.villages)), cum_weights=village_cumulative, k=size.producers)
    first = _reserve_ids(Cooperative, size.producers)
    rows = []
    statuses = ([Cooperative.Verification.VERIFIED] * 93 + [Cooperative.Verification.PENDING] * 4
                + [Cooperative.Verification.DRAFT] * 2 + [Cooperative.Verification.SUSPENDED])
    Kind = Cooperative.Kind
    kinds = [Kind.COMMUNITY_GROUP] * 5 + [Kind.INDIVIDUAL] * 3 + [Kind.COMMUNITY_SME] * 2
    for index in range(size.producers):
        village_index = village_indexes[index]
        village_id, village_name, code, _places = run.villages[village_index]
        language = LANGUAGE_OF[code]
        leaves = rng.choices(range(len(run.leaves)), cum_weights=leaf_cumulative, k=1 + (rng.random() < 0.3))
        craft = rng.choice(run.leaves[leaves[0]][1][6][language])
        word = rng.choice(COOPERATIVE_WORDS[language])
        latin = rng.random() < (0.3 if language == "vi" else 0.45)
        name = _join(word[1], craft[1], village_name) if latin else _join(word[0], craft[0], village_name)
        status = rng.choice(statuses)
        members = max(1, int(rng.paretovariate(1.3) * 4))
        rows.append(Cooperative(
            # Slugs are Latin whatever the name's script, as an officer would transliterate them.
            id=first + index, name=name[:200],
            slug=f"{SLUG_PREFIX}{slugify(search_fold(_join(word[1], craft[1])))[:60]}-{index}",
            kind=rng.choice(kinds), village_id=village_id, verification_status=status,
            verified_at=run.now if status == Cooperative.Verification.VERIFIED else None,
            members_count=members, women_members_count=rng.randint(0, members),
            founded_year=rng.randint(1985, 2024), story=f"A {craft[1].lower()} workshop in {village_name}.",
            contact_email=f"producer{index}@{EMAIL_DOMAIN}",
        ))
        name_words = _join(*(_fold(run, part) for part in ((word[1], craft[1], village_name) if latin
                                                           else (word[0], craft[0], village_name))))
        run.cooperatives.append((first + index, name_words, language, village_index, leaves, status))
    _bulk(Cooperative, rows, run=run, label="cooperatives")


def _products_per_cooperative(run: _Catalog, size: _Size) -> list[int]:
    """One product each, the rest by a Zipf law: a few cooperatives list thousands."""
    counts = [1] * size.producers
    extra = size.products - size.producers
    if extra > 0:
        cumulative = _zipf_cumulative(size.producers, 1.0, offset=4)
        for index in run.rng.choices(range(size.producers), cum_weights=cumulative, k=extra):
            counts[index] += 1
    return counts


def _build_products(run: _Catalog, size: _Size) -> None:
    rng = run.rng
    postgres = connection.vendor == "postgresql"
    per_cooperative = _products_per_cooperative(run, size)
    first = _reserve_ids(Product, size.products)
    Status = Product.Status
    statuses = ([Status.APPROVED] * 90 + [Status.DRAFT] * 3 + [Status.SUBMITTED] * 3
                + [Status.CHANGES_REQUESTED, Status.REJECTED, Status.ARCHIVED, Status.ARCHIVED])
    # Featured products are spread over the catalog, approved, of verified producers.
    featured_every = max(1, size.products // FEATURED)
    rows, texts, product_id, serial = [], [], first, 0
    three_years = 3 * 365 * 24 * 3600
    for coop_index, count in enumerate(per_cooperative):
        coop_id, coop_words, language, village_index, leaves, coop_status = run.cooperatives[coop_index]
        village_id, village_name, code, places_words = run.villages[village_index]
        for _ in range(count):
            leaf_id, spec, category_words = run.leaves[rng.choice(leaves)]
            native, latin = rng.choice(spec[6][language])
            in_latin = rng.random() < (0.35 if language == "th" else 0.25)
            noun = latin if in_latin else native
            variant = rng.choice(VARIANTS)
            name = _join(noun, village_name, variant)[:200]
            low, high = spec[3]
            # Quarter steps: sums stay exact even where the database adds decimals as floats (SQLite).
            price = Decimal(round(math.exp(rng.uniform(math.log(low), math.log(high))) * 4)) / 4
            made_to_order = rng.random() < 0.08
            status = rng.choice(statuses)
            approved_at = None
            if status in (Product.Status.APPROVED, Product.Status.ARCHIVED):
                approved_at = run.now - datetime.timedelta(seconds=rng.randint(0, three_years))
            featured = (serial % featured_every == 0 and status == Product.Status.APPROVED
                        and coop_status == Cooperative.Verification.VERIFIED)
            summary = f"{noun}, made by hand in {village_name}."
            makers = f"Made by the {rng.randint(2, 60)} families of the workshop; each piece is signed."
            primary = _join(_fold(run, noun), _fold(run, village_name), _fold(run, variant))
            secondary = _join(category_words, places_words, coop_words)
            story = _join(_fold(run, noun), _fold(run, "made by hand in"), _fold(run, village_name),
                          _fold(run, makers), _fold(run, spec[5]))
            grams = max(20, int(spec[4] * rng.uniform(0.3, 2.5)))
            product = Product(
                id=product_id, cooperative_id=coop_id, category_id=leaf_id, origin_id=village_id, name=name,
                slug=f"{SLUG_PREFIX}{slugify(search_fold(latin))[:60]}-{product_id}", summary=summary[:300],
                story_makers=makers, story_materials=spec[5], price=price,
                stock=0 if made_to_order or rng.random() < 0.1 else rng.randint(1, 240),
                made_to_order=made_to_order, lead_time_days=rng.randint(3, 45) if made_to_order else None,
                weight_grams=grams, fragile=spec[0] in ("pottery", "celadon", "rice-wine"),
                status=status, featured=featured, approved_at=approved_at,
                search_name=primary[:400], search_text=_join(primary, secondary, story),
            )
            rows.append(product)
            texts.append((primary, secondary, story))
            run.vocabulary.update(product.search_text.split())
            run.products_of[coop_index].append(product_id)
            public = status == Status.APPROVED and coop_status == Cooperative.Verification.VERIFIED
            run.product_facts[product_id] = (name, price, made_to_order, product.lead_time_days, grams, coop_index,
                                             public)
            product_id += 1
            serial += 1
            if len(rows) == BATCH:
                _bulk(Product, rows, run=run, label="products", search_texts=texts if postgres else None)
                rows, texts = [], []
    _bulk(Product, rows, run=run, label="products", search_texts=texts if postgres else None)


def _build_photos(run: _Catalog, size: _Size) -> None:
    """One photo for most products, up to four for some, each pointing at a shared rendition set."""
    rng = run.rng
    rows = []
    first = _reserve_ids(ProductImage, int(size.products * 1.4) + 10)
    photo_id = first
    now = run.now
    for product_id, facts in run.product_facts.items():
        photos = rng.choices((0, 1, 2, 3, 4), weights=(4, 70, 16, 7, 3))[0]
        for position in range(photos):
            picture = run.pictures[(product_id + position) % len(run.pictures)]
            rows.append(ProductImage(
                id=photo_id, product_id=product_id, image=picture["original"], width=picture["width"],
                height=picture["height"], alt_text=f"{facts[0]} (illustration)"[:250], position=position,
                rendition_status=ProductImage.RenditionStatus.READY, renditions=picture["renditions"],
                placeholder_colour=picture["colour"], source_fingerprint=picture["fingerprint"], rendered_at=now,
            ))
            photo_id += 1
            if len(rows) == BATCH:
                _bulk(ProductImage, rows, run=run, label="product photos")
                rows = []
    _bulk(ProductImage, rows, run=run, label="product photos")


# Grade mix per economy: (programme slug, level code, weight).
GRADE_MIX = {
    "VN": [("ocop-viet-nam", "3", 55), ("ocop-viet-nam", "4", 38), ("ocop-viet-nam", "5", 7)],
    "TH": [("otop-thailand", "3", 40), ("otop-thailand", "4", 30), ("otop-thailand", "5", 8),
           ("otop-thailand", "2", 10), ("otop-product-champion", "A", 4), ("otop-product-champion", "B", 8)],
    "JP": [("ovop-oita", "selected", 1)],
    "LA": [("odop-laos", None, 1)],
}


def _build_grades(run: _Catalog, size: _Size) -> None:
    """About a third of products hold a certificate; one in ten of those has expired."""
    rng = run.rng
    levels = {(level.programme.slug, level.code): level for level in GradeLevel.objects.select_related("programme")}
    by_programme = defaultdict(list)
    for (slug, _code), level in levels.items():
        by_programme[slug].append(level)
    mixes = {}
    for code, mix in GRADE_MIX.items():
        choices = []
        for slug, level_code, weight in mix:
            if level_code is None:
                choices.extend((level, weight) for level in by_programme.get(slug, []))
            elif (slug, level_code) in levels:
                choices.append((levels[(slug, level_code)], weight))
        if choices:
            mixes[code] = ([level for level, _w in choices], [w for _l, w in choices])
    rows = []
    first = _reserve_ids(Grade, int(size.products * 0.5) + 10)
    grade_id = first
    share = {"VN": 0.45, "TH": 0.4, "JP": 0.15, "LA": 0.2}
    for product_id, facts in run.product_facts.items():
        code = run.villages[run.cooperatives[facts[5]][3]][2]
        if code not in mixes or rng.random() >= share.get(code, 0):
            continue
        level = rng.choices(*mixes[code])[0]
        issued = run.today - datetime.timedelta(days=rng.randint(30, 4 * 365))
        validity = level.programme.validity_months or 36
        expires = issued + datetime.timedelta(days=validity * 30)
        if rng.random() < 0.08:
            expires = run.today - datetime.timedelta(days=rng.randint(1, 300))
            issued = min(issued, expires)
        rows.append(Grade(
            id=grade_id, product_id=product_id, programme_id=level.programme_id, level=level,
            issuing_level=rng.choice([Grade.IssuingLevel.PROVINCE, Grade.IssuingLevel.DISTRICT,
                                      Grade.IssuingLevel.NATIONAL]),
            certificate_number=f"SC-{product_id}", issued_on=issued, expires_on=expires,
            total_score=rng.randint(50, 99) if level.min_score is not None else None,
        ))
        grade_id += 1
        if len(rows) == BATCH:
            _bulk(Grade, rows, run=run, label="grades")
            rows = []
    _bulk(Grade, rows, run=run, label="grades")


def _build_vocabulary(run: _Catalog, size: _Size) -> None:
    words = sorted(w for w in run.vocabulary if 2 <= len(w) <= MAX_WORD_LENGTH)
    for start in range(0, len(words), BATCH):
        SearchTerm.objects.bulk_create([SearchTerm(word=w) for w in words[start:start + BATCH]],
                                       ignore_conflicts=True, batch_size=BATCH)
    run.counts["search terms"] = len(words)


def _build_orders(run: _Catalog, size: _Size) -> None:
    """Orders of public products, most delivered, with their shipments, lines, payments and reviews.

    Skipped when the orders tables do not exist yet (their migration is not applied).
    """
    tables = set(connection.introspection.table_names())
    if "orders_order" not in tables or size.orders <= 0:
        run.counts["orders (skipped: no orders tables)" if "orders_order" not in tables else "orders"] += 0
        return
    from orders.models import Order, OrderLine, Payment, PaymentMethod, Review, Shipment, Zone

    rng = run.rng
    public = [pid for pid, facts in run.product_facts.items() if facts[6]]
    if not public:
        return
    # Bestsellers: popularity follows a Zipf law over a shuffled list of public products.
    rng.shuffle(public)
    popularity = _zipf_cumulative(len(public), 0.9, offset=10)
    buyers_count = max(10, size.orders // 5)
    first_user = _reserve_ids(User, buyers_count)
    # "!" is an unusable password: these buyers exist for their orders, nobody logs in as them.
    users = [User(id=first_user + i, email=f"buyer{i}@{EMAIL_DOMAIN}", full_name=f"{rng.choice(FIRST_NAMES)} {i}",
                  password="!") for i in range(buyers_count)]
    _bulk(User, users, run=run, label="buyers")

    statuses = ([Shipment.Status.DELIVERED] * 60 + [Shipment.Status.SHIPPED] * 10 + [Shipment.Status.PLACED] * 6
                + [Shipment.Status.CONFIRMED] * 5 + [Shipment.Status.PACKED] * 4 + [Shipment.Status.CANCELLED] * 10
                + [Shipment.Status.RETURNED] * 5)
    first_order = _reserve_ids(Order, size.orders)
    first_shipment = _reserve_ids(Shipment, size.orders * 2)
    first_line = _reserve_ids(OrderLine, size.orders * 6)
    first_payment = _reserve_ids(Payment, size.orders * 2)
    first_review = _reserve_ids(Review, size.orders * 6)
    shipment_id, line_id, payment_id, review_id = first_shipment, first_line, first_payment, first_review
    orders, shipments, lines, payments, reviews = [], [], [], [], []

    def flush(force=False):
        nonlocal orders, shipments, lines, payments, reviews
        if force or len(lines) >= BATCH:
            # Parents first: the foreign keys are checked at commit, but keep the order anyway.
            for model, rows, label in ((Order, orders, "orders"), (Shipment, shipments, "shipments"),
                                       (OrderLine, lines, "order lines"), (Payment, payments, "payments"),
                                       (Review, reviews, "reviews")):
                _bulk(model, rows, run=run, label=label)
            orders, shipments, lines, payments, reviews = [], [], [], [], []

    countries = {"TH": "TH", "VN": "VN", "JP": "JP", "LA": "LA", "KH": "KH"}
    for n in range(size.orders):
        order_id = first_order + n
        buyer = users[rng.randrange(buyers_count)] if rng.random() < 0.7 else None
        picks = rng.choices(public, cum_weights=popularity, k=1 + (rng.random() < 0.25))
        cooperatives = {}
        for product_id in picks:
            cooperatives.setdefault(run.product_facts[product_id][5], []).append(product_id)
        subtotal_order = shipping_order = Decimal("0")
        order_shipments = []
        for coop_index, products in cooperatives.items():
            siblings = run.products_of[coop_index]
            extra = [pid for pid in rng.sample(siblings, min(len(siblings), rng.choice((0, 0, 0, 1, 2))))
                     if run.product_facts[pid][6] and pid not in products]
            status = rng.choice(statuses)
            subtotal, grams, lead = Decimal("0"), 0, 0
            for product_id in products + extra:
                name, price, mto, lead_days, weight, _c, _public = run.product_facts[product_id]
                quantity = rng.choice((1, 1, 1, 2, 3))
                line_total = price * quantity
                subtotal += line_total
                grams += weight * quantity
                lead = max(lead, lead_days or 0)
                lines.append(OrderLine(id=line_id, shipment_id=shipment_id, product_id=product_id,
                                       product_name=name, unit_price=price, quantity=quantity,
                                       line_total=line_total, made_to_order=mto, lead_time_days=lead_days))
                if status == Shipment.Status.DELIVERED and rng.random() < 0.35:
                    rating = rng.choices((5, 4, 3, 2, 1), weights=(60, 25, 8, 4, 3))[0]
                    reviews.append(Review(id=review_id, line_id=line_id, product_id=product_id,
                                          author_id=buyer.id if buyer else None,
                                          author_name=(buyer.full_name if buyer else "Guest")[:80],
                                          rating=rating, text=rng.choice(REVIEW_TEXTS)))
                    review_id += 1
                line_id += 1
            shipping = Decimal(rng.choice(("2.50", "3.75", "5.00", "8.25", "12.00")))
            min_days = rng.randint(1, 5)
            shipments.append(Shipment(
                id=shipment_id, order_id=order_id, cooperative_id=run.cooperatives[coop_index][0], status=status,
                shipping_method_name=rng.choice(("Thailand Post EMS", "Vietnam Post", "Japan Post", "Kerry Express")),
                zone=rng.choice((Zone.DOMESTIC, Zone.DOMESTIC, Zone.DOMESTIC, Zone.REGIONAL, Zone.INTERNATIONAL)),
                weight_grams=grams, subtotal=subtotal, shipping_price=shipping, total=subtotal + shipping,
                delivery_min_days=min_days, delivery_max_days=min_days + rng.randint(1, 6) + lead,
            ))
            paid = status in (Shipment.Status.DELIVERED, Shipment.Status.SHIPPED, Shipment.Status.PACKED)
            payment_status = (Payment.Status.PAID if paid else Payment.Status.CANCELLED
                              if status == Shipment.Status.CANCELLED else Payment.Status.REFUNDED
                              if status == Shipment.Status.RETURNED else Payment.Status.PENDING)
            payments.append(Payment(
                id=payment_id, shipment_id=shipment_id,
                method=rng.choice([PaymentMethod.CASH_ON_DELIVERY, PaymentMethod.BANK_TRANSFER, PaymentMethod.CARD]),
                status=payment_status, amount=subtotal + shipping, reference=f"SCP{payment_id}",
                paid_at=run.now if paid else None,
            ))
            order_shipments.append(shipment_id)
            payment_id += 1
            shipment_id += 1
            subtotal_order += subtotal
            shipping_order += shipping
        code = run.villages[run.cooperatives[next(iter(cooperatives))][3]][2]
        orders.append(Order(
            id=order_id, number=f"{ORDER_PREFIX}{order_id:010d}", user_id=buyer.id if buyer else None,
            email=buyer.email if buyer else f"guest{n}@{EMAIL_DOMAIN}",
            full_name=buyer.full_name if buyer else f"Guest {n}", phone="+66 80 000 0000",
            country=countries.get(code, "TH"), city="Mueang", address_line1=f"{n} Village road",
            language=rng.choice(("en", "vi", "th")), currency="USD", subtotal=subtotal_order,
            shipping_total=shipping_order, total=subtotal_order + shipping_order,
            placed_by_key=f"scale:{n}", idempotency_key=f"scale-{n}", request_fingerprint="",
        ))
        flush()
    flush(force=True)


def _analyse(run: _Catalog, size: _Size) -> None:
    """Fresh planner statistics: without them PostgreSQL plans the first queries for empty tables."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in ("catalog_region", "catalog_category", "sellers_cooperative", "catalog_product",
                      "catalog_productimage", "catalog_grade", "catalog_searchterm"):
            cursor.execute(f"ANALYZE {table}")  # noqa: S608 (fixed names)

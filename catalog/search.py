"""Catalog search: one function to index a product, one to search.

Text is folded before it is stored or searched (lower case, Vietnamese and other Latin
accents removed, "đ" read as "d"), so "gom bat trang" meets "Gốm Bát Tràng". Thai is written
without spaces between words, so Thai runs are cut into words with PyThaiNLP's dictionary
segmenter first.

On PostgreSQL a product's words are a weighted ``tsvector`` (name A; category, village and
producer B; summary and story C) behind a GIN index, ranked with ``ts_rank``. Each query word the
catalog does not know is widened to its nearest catalog words by trigram similarity (a typo
still finds its product), and a plain substring match over the folded text (trigram-indexed)
catches a Thai word that sits inside a longer one. Other databases get a simple substring
search over the same folded text.
"""
import re
import unicodedata
from functools import lru_cache

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 100
TYPO_ALTERNATIVES = 3

_ACCENTS = re.compile("[\u0300-\u036f]")
# A Thai run keeps its vowel and tone marks (they are not "word" characters to ``re``).
_WORDS = re.compile(r"[\u0e00-\u0e7f]+|[^\W_]+")
_THAI = re.compile(r"[\u0e00-\u0e7f]")


def search_fold(text: str) -> str:
    """Lower-case ``text`` and strip Latin diacritics; Thai and CJK are left as they are."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = _ACCENTS.sub("", decomposed)
    return unicodedata.normalize("NFC", stripped).casefold().replace("đ", "d")


@lru_cache(maxsize=4096)
def _thai_words(run: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(w for w in (w.strip() for w in word_tokenize(run, engine="newmm")) if w)


def search_words(text: str) -> list[str]:
    """The folded words of ``text``, with Thai runs segmented into words."""
    words: list[str] = []
    for match in _WORDS.findall(search_fold(text)):
        if _THAI.match(match):
            words.extend(_thai_words(match))
        else:
            words.append(match)
    return [w[:MAX_WORD_LENGTH] for w in words]


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _product_text_parts(product) -> tuple[str, str, str]:
    """The (A, B, C) weighted texts of a product, as words separated by spaces."""
    places = [product.origin.name] + [r.name for r in product.origin.ancestors()]
    categories = [c.name for c in product.category.ancestors()] + [product.category.name]
    primary = product.name
    secondary = " ".join(categories + places + [product.cooperative.name])
    story = " ".join(
        [product.summary, product.story_makers, product.story_materials, product.story_process,
         product.story_place, product.story_use, product.story_care]
    )
    return tuple(" ".join(search_words(part)) for part in (primary, secondary, story))


@transaction.atomic
def product_search_refresh(*, product_ids) -> None:
    """Rebuild the search text (and vector, on PostgreSQL) of the given products."""
    from catalog.models import Product, SearchTerm

    products = Product.objects.filter(pk__in=list(product_ids)).select_related(
        "origin", "category", "cooperative"
    )
    vocabulary: set[str] = set()
    for product in products:
        primary, secondary, story = _product_text_parts(product)
        changes = {"search_name": primary[:400], "search_text": f"{primary} {secondary} {story}"}
        if _is_postgres():
            changes["search_vector"] = (
                SearchVector(Value(primary), weight="A", config="simple")
                + SearchVector(Value(secondary), weight="B", config="simple")
                + SearchVector(Value(story), weight="C", config="simple")
            )
        Product.objects.filter(pk=product.pk).update(**changes)
        vocabulary.update(f"{primary} {secondary} {story}".split())
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w) for w in sorted(vocabulary) if 2 <= len(w) <= MAX_WORD_LENGTH],
        ignore_conflicts=True,
        batch_size=500,
    )


def _alternatives(words: list[str]) -> list[list[str]]:
    """For each query word: itself, plus its nearest catalog words when it is not one. One query."""
    sql = """
        SELECT q.word, t.word
        FROM unnest(%s::text[]) AS q(word)
        CROSS JOIN LATERAL (
            SELECT word FROM catalog_searchterm
            WHERE word %% q.word
            ORDER BY similarity(word, q.word) DESC, word
            LIMIT %s
        ) AS t
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [words, TYPO_ALTERNATIVES])
        found: dict[str, list[str]] = {}
        for word, near in cursor.fetchall():
            found.setdefault(word, []).append(near)
    result = []
    for word in words:
        near = found.get(word, [])
        result.append([word] if word in near else [word] + near)
    return result


def _tsquery(groups: list[list[str]]) -> str:
    def lexeme(word: str) -> str:
        return "'" + word.replace("\\", "").replace("'", "''") + "':*"

    return " & ".join("(" + " | ".join(lexeme(w) for w in group) + ")" for group in groups)


def _unranked(queryset: QuerySet) -> QuerySet:
    # One rank for all: "by relevance" becomes newest first, read down the listing's index.
    return queryset.annotate(rank=Value(0.0, output_field=FloatField()))


def _matches_too_many(matches: QuerySet) -> bool:
    """More than ``CATALOG_SEARCH_RANK_LIMIT`` matches? Stops reading at the first one past it."""
    limit = settings.CATALOG_SEARCH_RANK_LIMIT
    return matches.order_by()[limit:limit + 1].exists()


def product_search(queryset: QuerySet, query: str) -> QuerySet:
    """Products of ``queryset`` matching ``query``, annotated with ``rank`` (higher is better).

    A very common word (say "hand" in a national catalog) matches most products: ranking them all
    means reading every match's words, seconds of work for an order nobody pages through. Past
    ``CATALOG_SEARCH_RANK_LIMIT`` matches every rank is equal, so relevance order lists the
    matches newest first, which the database reads from its index a page at a time.
    """
    words = list(dict.fromkeys(search_words(query[:MAX_QUERY_CHARS])))[:MAX_QUERY_WORDS]
    if not words:
        return _unranked(queryset)
    substring = Q()
    for word in words:
        substring &= Q(search_text__contains=word)
    if not _is_postgres():
        in_name = Q()
        for word in words:
            in_name &= Q(search_name__contains=word)
        matches = queryset.filter(substring)
        if _matches_too_many(matches):
            return _unranked(matches)
        return matches.annotate(
            rank=Case(When(in_name, then=Value(1.0)), default=Value(0.1), output_field=FloatField())
        )
    ts_query = SearchQuery(_tsquery(_alternatives(words)), search_type="raw", config="simple")
    matches = queryset.filter(Q(search_vector=ts_query) | substring)
    if _matches_too_many(matches):
        return _unranked(matches)
    return matches.annotate(rank=SearchRank(F("search_vector"), ts_query))

"""Traditional and simplified Chinese in search (transcripts/hanzi.py): the
query table built from the index's vocabulary, and the index-side simplified
terms for text written in traditional characters."""
from transcripts.hanzi import convert_query, query_table, simplified_terms, to_simplified

# A small index vocabulary, as jieba segments simplified text.
VOCABULARY = {"无限", "数据", "预训练", "通用人工智能", "人工智能", "核心", "程序", "向量", "蛋白质", "折叠", "头发",
              "著名", "信息", "课程式", "方程", "人类", "智能", "视频", "支持"}


def test_traditional_queries_become_the_simplified_words_of_the_index():
    table = query_table(VOCABULARY)
    assert convert_query("無限數據", table) == "无限数据"
    assert convert_query("預訓練", table) == "预训练"
    assert convert_query("蛋白質摺疊", table) == "蛋白质折叠"
    assert convert_query("頭髮", table) == "头发"


def test_taiwan_phrases_convert_as_phrases_not_character_by_character():
    table = query_table(VOCABULARY)
    # character by character 智慧 stays 智慧; OpenCC's Taiwan phrase table gives 智能
    assert convert_query("通用人工智慧", table) == "通用人工智能"
    assert convert_query("資訊", table) == "信息"


def test_simplified_queries_are_left_as_typed():
    """OpenCC's Taiwan tables read the simplified 核心 as 內核 and 程序 as 進程;
    a word that is in the index as written is never converted."""
    table = query_table(VOCABULARY)
    for query in ("核心", "程序", "向量", "著名", "无限数据", "GPT-4 预训练", "课程式", "方程式"):
        assert convert_query(query, table) == query


def test_short_taiwan_words_that_are_also_simplified_words_are_left_alone():
    """智慧 (wisdom), 影片, 支援 are everyday mainland words too; only longer
    Taiwan phrases such as 人工智慧 are taken as Taiwan wording."""
    table = query_table(VOCABULARY)
    for query in ("人类的智慧", "影片", "支援"):
        assert convert_query(query, table) == query
    assert convert_query("人工智慧", table) == "人工智能"


def test_latin_text_and_unknown_characters_pass_through():
    table = query_table(VOCABULARY)
    assert convert_query("Gemini 1.5 無限", table) == "Gemini 1.5 无限"
    assert convert_query("😀 ok", table) == "😀 ok"


def test_the_table_only_maps_to_what_the_index_contains():
    table = query_table({"数据"})
    assert set(table["phrases"].values()) <= {"数据"}
    assert set("".join(table["chars"].values())) <= set("数据")
    assert table["chars"] == {"數": "数", "據": "据"}


def test_traditional_words_of_the_index_do_not_block_conversion():
    """A traditional source puts its own words into the index beside their
    simplified forms: 預訓練 must still reach the simplified passages."""
    table = query_table(VOCABULARY | {"預訓練", "數據"})
    assert convert_query("預訓練數據", table) == "预训练数据"


def test_the_index_stores_traditional_text_in_simplified_form_and_leaves_simplified_text_alone():
    assert to_simplified("蛋白質摺疊與無限數據") == "蛋白质折叠与无限数据"
    assert to_simplified("预训练的核心程序和著名的向量") == "预训练的核心程序和著名的向量"


def test_text_in_traditional_characters_gets_its_simplified_forms():
    """Character by character (what a reader types in simplified characters)
    and in mainland wording (資訊 -> 信息); a run converting to itself once."""
    assert simplified_terms("我們需要無限的數據，資訊也很重要。") == [
        "我们需要无限的数据", "资讯也很重要", "信息也很重要"]
    assert simplified_terms("超級智慧") == ["超级智慧", "超级智能"]


def test_simplified_text_gets_no_extra_terms():
    assert simplified_terms("预训练的核心程序和著名的向量。") == []

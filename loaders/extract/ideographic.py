"""Quotes and their speakers in Chinese and Japanese copy.

The English rules count words between spaces and look for reporting verbs
and capitalised names: Chinese and Japanese write none of those, so their
quotes were all taken for scare quotes and left out. Here a paragraph holding
Han or kana is read by its own marks and verbs:

* quotation marks: “...” (simplified Chinese), 「...」 and 『...』 (Japanese,
  traditional Chinese);
* the reporting verb after the quote (Chinese “……，”李强说 / Japanese
  「……」と植田和男総裁は述べた) or before it (外交部发言人毛宁表示：“……”), the
  one before first where both are written (its words after may introduce the
  next quote);
* the speaker: the words before (Chinese) or between と and は (Japanese) the
  verb, past where and to whom (在发布会上, 对记者) and never across a bracket
  (a wire dateline's), split into a title and a name where a title word is
  written (国务院总理李强 -> 李强, title 国务院总理; 植田和男総裁 -> 植田和男).
  A body (外交部, 總統府發言人) is an organization, 知情人士 or 政府関係者 an
  anonymous source; a title alone (发言人说) names nobody. A pronoun (他, 她, 同氏) is the last speaker named before it.

A span with no reporting verb is a quote only if it reads as speech: ten or
more characters ending a sentence (。！？); shorter ones are names or terms.
"""
from __future__ import annotations

import re

import regex

from .registry import Registry

_IDEOGRAPH = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_QUOTED = re.compile(r"“(?P<a>[^“”]+)”|「(?P<b>[^「」]+)」|『(?P<c>[^『』]+)』")
#: Between clauses and sentences: a speaker's words never cross them.
_CLAUSE_MARKS = "，。；：！？、,;:!?\n"
#: Brackets too: a wire dateline (新华社北京3月5日电（记者王小明）, （中央社記者陳X台北5日電）) ends
#: in one, and a speaker read across it was named '者陳X台北5日電）行政院長卓榮泰'.
_BRACKETS = "（）()【】〔〕［］《》〈〉<>"
_WHO = rf"[^{_CLAUSE_MARKS}{re.escape(_BRACKETS)}“”「」『』\s]"
_CHINESE_CUES = ("说道", "说", "說", "表示", "称", "稱", "指出", "强调", "強調", "透露", "宣布", "回应", "回應",
                 "坦言", "直言", "告诉记者", "告訴記者", "告诉", "告訴", "补充说", "補充說", "写道", "寫道", "问道",
                 "問道", "认为", "認為")
_CHINESE_CUE = "|".join(sorted(map(re.escape, _CHINESE_CUES), key=len, reverse=True))
#: When, between the speaker and the verb: 潘功胜周二表示, 他当天说.
_WHEN = r"(?:周[一二三四五六日]|星期[一二三四五六日天]|今天|昨天|日前|近日|当天|當天|当日|[0-9０-９]{1,2}日)?"
#: “……，”李强说 / “……。”他补充说
#: Where and to whom, between the speaker and the verb: 在发布会上表示, 对记者说, 向媒体透露.
_WHERE = rf"(?:在{_WHO}{{0,20}}?)?(?:[对對向]{_WHO}{{0,10}}?)?"
_CHINESE_AFTER = re.compile(rf"[，,]?\s*(?P<who>{_WHO}{{1,16}}?){_WHEN}{_WHERE}(?P<cue>{_CHINESE_CUE})")
#: 外交部发言人毛宁在例行记者会上表示：“……”
_CHINESE_BEFORE = re.compile(
    rf"(?P<who>{_WHO}{{1,16}}?){_WHEN}{_WHERE}(?P<cue>{_CHINESE_CUE})道?\s*[：:，,]?\s*$")
_JAPANESE_VERBS = ("述べ", "語っ", "話し", "強調し", "説明し", "明らかにし", "指摘し", "発表し", "言っ", "訴え",
                   "答え", "語り", "話し")
_JAPANESE_CUE = "|".join(sorted(map(re.escape, _JAPANESE_VERBS), key=len, reverse=True))
#: 「……」と植田和男総裁は記者団に述べた / 「……」と述べた
_JAPANESE_AFTER = re.compile(
    rf"と、?(?:(?P<who>{_WHO}{{1,24}}?)[はが]、?)?{_WHO}{{0,12}}?(?P<cue>(?:{_JAPANESE_CUE})(?:た|ている|ました))")
#: 日銀の植田和男総裁は「……」と述べた: the subject before the quote, when none follows it.
_JAPANESE_SUBJECT_BEFORE = re.compile(rf"(?P<who>{_WHO}{{1,24}}?)[はが][^。！？「」『』“”\n]{{0,16}}$")
#: Title words, the longer first: split off a speaker's name (国务院总理李强, 植田和男総裁).
_TITLES = sorted((
    "国家主席", "主席", "副总理", "总理", "總理", "总统", "總統", "副总统", "部长", "部長", "外长", "外長", "发言人",
    "發言人", "大使", "主任", "书记", "書記", "委员", "委員", "市长", "市長", "省长", "省長", "局长", "局長", "总裁",
    "總裁", "行长", "行長", "董事长", "董事長", "首席执行官", "首席執行官", "教授", "经济学家", "經濟學家", "分析师",
    "分析師", "总经理", "總經理", "院长", "院長", "国务卿", "國務卿", "大統領", "財務相", "防衛相", "経済産業相", "议长", "議長", "议员", "議員", "首相", "大臣", "官房長官", "長官",
    "総裁", "社長", "会長", "會長", "知事", "外相", "報道官", "代表", "主任研究員", "エコノミスト", "アナリスト", "氏",
), key=len, reverse=True)
_TITLE = re.compile("|".join(map(re.escape, _TITLES)))
#: How the name of a body ends (外交部, 国务院, 中国人民银行, 外務省, 金融庁, 總統府): it speaks as an
#: organization, and a title after it (外交部发言人) is no person's. No given name's character is
#: here (军, 国, 华 end many names).
_ORGANISATION_ENDS = re.compile(
    r"(?:部|局|院|署|厅|廳|省|庁|府|委员会|委員会|委員會|银行|銀行|公司|集团|集團|政府|办公室|辦公室|协会|協會|"
    r"机构|機構|组织|組織|研究所|中心|央行|日銀|会社|交易所)$")
#: How an unnamed source is written: 知情人士 (people familiar with the matter), 分析人士, 消息人士;
#: Japanese 政府関係者 (government officials), 消息筋.
_ANONYMOUS_ENDS = re.compile(r"(?:人士|消息来源|消息來源|知情者|関係者|消息筋)$")
_PRONOUNS = frozenset({"他", "她", "他们", "她们", "他們", "她們", "同氏", "彼", "彼女", "我", "我们", "我們"})
_SPEECH_END = "。！？!?…"
MIN_SPEECH_CHARS = 10


def has_ideographs(paragraph: str) -> bool:
    return not paragraph.isascii() and _IDEOGRAPH.search(paragraph) is not None


def ideographic_quotes(body: list[str], registry: Registry) -> list[dict]:
    """The quotes of the paragraphs written in Chinese or Japanese, with speakers registered as sources."""
    quotes: list[dict] = []
    last_speaker = None
    for index, paragraph in enumerate(body):
        if not has_ideographs(paragraph):
            continue
        for match in _QUOTED.finditer(paragraph):
            group = next(name for name in "abc" if match.group(name) is not None)
            start, end = match.start(group), match.end(group)
            text = match.group(group).rstrip("，,、 \u3000")  # “……，”他说: the comma is the sentence's
            end = start + len(text)
            if not text:
                continue
            if _IDEOGRAPH.search(text) is None:
                continue  # English quoted in Chinese copy: the English rules read it
            who, cue = _attribution(paragraph, match.start(), match.end())
            if cue is None and not (len(text) >= MIN_SPEECH_CHARS and text.rstrip()[-1:] in _SPEECH_END):
                continue  # 所谓“一带一路”: a name or a term
            entity = None
            if who is not None:
                name = who[0]
                if name in _PRONOUNS:
                    entity = last_speaker
                else:
                    kind = _kind(name)
                    if kind == "anonymous" and name.startswith("有"):  # 有分析人士认为: 'there are analysts'
                        name, who = name[1:], (name[1:], who[1] + 1, who[2])
                    entity = registry.entity(name, kind, (index, who[1]))
                    registry.mention(entity, index, who[1], name)
                    if who[2] and kind == "person" and not entity.title:
                        entity.title = who[2]
                if entity is not None:
                    entity.cite((index, start))
                    last_speaker = entity
            speaker = entity.name if entity is not None else None
            quotes.append({"text": text, "kind": "direct", "speaker": speaker, "cue": cue, "paragraph": index,
                           "start": start, "end": end, "end_paragraph": None, "source": speaker})
    return quotes


def _kind(name: str) -> str:
    """A speaker's kind: 知情人士 were a person so named, as 外交部 was."""
    if _ANONYMOUS_ENDS.search(name):
        return "anonymous"
    return "organization" if _ORGANISATION_ENDS.search(name) else "person"


def _attribution(paragraph: str, opening: int, closing: int) -> tuple[tuple[str, int, str | None] | None,
                                                                        str | None]:
    """((name, offset, title) or None, cue or None) of the quote between `opening` and `closing` marks."""
    after = paragraph[closing:closing + 48]
    clause_start = max(paragraph.rfind(mark, 0, opening) for mark in "。！？；\n") + 1
    before = paragraph[clause_start:opening]
    # A speaker and verb just before the quote are its own: the words after it may
    # introduce the next quote (习近平指出：“……。”他强调：“……”), whose speaker 他 is not this one's.
    found = _JAPANESE_AFTER.match(after)
    if found is None and (before_found := _CHINESE_BEFORE.search(before)) is not None:
        return _name_and_title(before_found.group("who"), clause_start + before_found.start("who")), \
            before_found.group("cue")
    found = found or _CHINESE_AFTER.match(after)
    offset = closing
    if found is not None and found.group("who") is None:
        # 日銀の植田和男総裁は「……」と述べた: the subject stands before the quote
        subject = _JAPANESE_SUBJECT_BEFORE.search(before)
        if subject is None:
            return None, found.group("cue")
        return _name_and_title(subject.group("who"), clause_start + subject.start("who")), found.group("cue")
    if found is None:
        found = _CHINESE_BEFORE.search(before)
        offset = clause_start
    if found is None:
        return None, None
    return _name_and_title(found.group("who"), offset + found.start("who")), found.group("cue")


def _name_and_title(who: str, offset: int) -> tuple[str, int, str | None] | None:
    """国务院总理李强 -> (李强, +5, 国务院总理); 日銀の植田和男総裁 -> (植田和男, +3, 総裁).

    None where no name is left: a title alone (“……，”发言人说, と日銀の総裁は述べた)
    was a person named 发言人 or 総裁, and a word ending in の a source with no name.
    """
    if "の" in who:  # 日銀の植田和男総裁: whose, then who
        cut = who.rindex("の") + 1
        who, offset = who[cut:], offset + cut
    if not who or _TITLE.fullmatch(who):
        return None
    titles = list(_TITLE.finditer(who))
    if not titles:
        return who, offset, None
    last = titles[-1]
    if 2 <= len(who) - last.end() <= 8:  # title first: 外交部发言人毛宁
        return who[last.end():], offset + last.end(), who[:last.end()]
    if last.end() == len(who) and _ORGANISATION_ENDS.search(who[:last.start()]):  # 總統府發言人: the body speaks
        return who[:last.start()], offset, who[last.start():]
    first = titles[0]
    if 2 <= first.start() <= 8:  # name first: 植田和男総裁, 李强总理
        return who[:first.start()], offset, who[first.start():]
    return who, offset, None

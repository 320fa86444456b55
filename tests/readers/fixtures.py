"""Documents in the shapes users bring, written by the tests themselves with real writers:
a news-site page, a two-column PDF report (fpdf2), a Word document (python-docx), a scanned
(image-only) PDF and a password-protected PDF."""

from __future__ import annotations

import io

ARTICLE_PARAGRAPHS = [
    "Russian President Vladimir Putin met Venezuelan President Nicolás Maduro in the Kremlin "
    "on Tuesday, according to a statement published by the Russian presidency after the talks.",
    "The two leaders discussed oil &amp; gas cooperation, and Rosneft agreed to expand its "
    "joint ventures with Petróleos de Venezuela in the Orinoco belt, officials said.",
    "Putin said Russia would deepen its cooperation with Venezuela in energy, finance and "
    "defence, while Maduro thanked Moscow for its support against Western sanctions.",
]
COMMENT = "Putin and Maduro are both dictators, writes reader Jim Beam from Ohio in a comment."
RELATED = "Xi Jinping hosts Lula da Silva in Beijing for trade talks"
AD = "Buy gold now with Acme Bullion Ltd — limited offer for new investors"
COOKIE = "We use cookies to improve your experience. Accept all cookies?"
NAV = ["World", "Politics", "Business", "Energy"]


def news_page() -> str:
    """A news site's article page: metadata in og:/article: meta and JSON-LD NewsArticle,
    and around the story the furniture every such page has."""
    paragraphs = "\n".join(f"        <p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    nav = " ".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Putin and Maduro agree on energy deal | The Daily Ledger</title>
  <meta property="og:title" content="Putin and Maduro agree on energy deal">
  <meta property="og:site_name" content="The Daily Ledger">
  <meta property="og:url" content="https://ledger.example/world/putin-maduro-energy">
  <meta property="article:published_time" content="2024-03-12T09:30:00Z">
  <meta name="author" content="Anna Kowalska">
  <link rel="canonical" href="https://ledger.example/world/putin-maduro-energy">
  <script type="application/ld+json">
  {{"@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "Putin and Maduro agree on energy deal",
    "datePublished": "2024-03-12T09:30:00Z",
    "author": [{{"@type": "Person", "name": "Anna Kowalska"}}],
    "publisher": {{"@type": "Organization", "name": "The Daily Ledger"}}}}
  </script>
  <style>.ad-slot {{ height: 250px }}</style>
  <script>window.dataLayer = [{{"page": "article"}}];</script>
</head>
<body class="article-page">
  <div id="cookie-banner" class="cookie-consent"><p>{COOKIE}</p>
    <button>Accept</button></div>
  <header class="site-header"><a href="/" class="logo">The Daily Ledger</a>
    <nav class="main-nav"><ul>{nav}</ul></nav></header>
  <div class="ad-slot ad-leaderboard"><p>{AD}</p></div>
  <main>
    <article class="story">
      <header><h1>Putin and Maduro agree on energy deal</h1>
        <p class="byline">By <a href="/authors/anna">Anna Kowalska</a>,
          <time datetime="2024-03-12T09:30:00Z">12 March 2024</time></p></header>
      <div class="story-body">
{paragraphs}
        <div class="ad inline-ad"><p>{AD}</p></div>
        <div class="share-tools"><a href="#">Share on X</a> <a href="#">Share by email</a></div>
      </div>
    </article>
    <aside class="related-stories"><h2>Related</h2>
      <ul><li><a href="/world/xi-lula">{RELATED}</a></li></ul></aside>
    <section id="comments" class="comments"><h2>Comments (1)</h2>
      <div class="comment"><p>{COMMENT}</p></div></section>
  </main>
  <footer class="site-footer"><p>© 2024 The Daily Ledger. All rights reserved.</p>
    <nav><a href="/privacy">Privacy</a></nav></footer>
</body>
</html>
"""


LEFT_COLUMN = [
    "Sanctions on Russian oil exports reshaped trade flows in 2023.",
    "Rosneft shipped more crude to India, where Reliance Industries bought cargoes.",
    "The Kremlin said Vladimir Putin approved the new export routes in March.",
]
RIGHT_COLUMN = [
    "In Venezuela, Nicolás Maduro sought new partners for PDVSA.",
    "Chevron resumed limited operations under a licence from Washington.",
    "Analysts expect Caracas to court Chinese lenders again next year.",
]
PAGE_TWO = "In May, Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing."


def two_column_pdf() -> bytes:
    """A two-page report: a full-width title, then two columns drawn line by line across
    the page (left line, right line, …), so the content stream's order is not the reading
    order; the second page has one paragraph."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_title("Energy and Sanctions Report 2024")
    pdf.set_author("Maria Lopez")
    pdf.set_creation_date(__import__("datetime").datetime(2024, 5, 2, 10, 0))
    pdf.set_lang("en-US")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.text(60, 80, "Energy and Sanctions Report 2024: Oil, Gas and Power Politics")
    pdf.set_font("helvetica", size=10)
    left = _wrap(pdf, LEFT_COLUMN, 220)
    right = _wrap(pdf, RIGHT_COLUMN, 220)
    for i in range(max(len(left), len(right))):
        y = 130 + i * 14
        if i < len(left):
            pdf.text(60, y, left[i])
        if i < len(right):
            pdf.text(320, y, right[i])
    pdf.add_page()
    pdf.text(60, 100, PAGE_TWO)
    return bytes(pdf.output())


def _wrap(pdf: object, paragraphs: list[str], width: float) -> list[str]:
    """Lines no wider than `width` points, a blank line between paragraphs."""
    lines: list[str] = []
    for paragraph in paragraphs:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if pdf.get_string_width(candidate) > width:  # type: ignore[attr-defined]
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.extend([line, ""])
    return lines[:-1]


def scanned_pdf() -> bytes:
    """A page that is only a picture of text, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(image).text((20, 80), "Vladimir Putin met Nicolas Maduro", fill=0)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 20, "Confidential: Vladimir Putin met Nicolas Maduro.")
    return bytes(pdf.output())


DOCX_PARAGRAPHS = [
    "Brazilian President Luiz Inácio Lula da Silva met Chinese President Xi Jinping in "
    "Beijing on 14 April 2023.",
    "",
    "The Brazilian president said Brazil and China would expand trade in soybeans and iron ore.",
    "Vale and Petrobras signed agreements with Chinese state banks during the visit.",
]


def word_document() -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = "Lula in Beijing"
    document.core_properties.author = "Pedro Alves"
    document.core_properties.language = "en-US"
    document.core_properties.created = __import__("datetime").datetime(2023, 4, 15, 8, 0)
    document.add_heading("Lula in Beijing", level=1)
    for text in DOCX_PARAGRAPHS:
        document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()

"""StreamField blocks shared by every content page: NHS.UK components from
wagtail-nhsuk-frontend plus the few Wagtail core blocks editors need."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtailnhsukfrontend import blocks as nhsuk

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class BaseStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)
    inset_text = nhsuk.InsetTextBlock()
    warning_callout = nhsuk.WarningCalloutBlock()
    care_card = nhsuk.CareCardBlock()
    details = nhsuk.DetailsBlock()
    expander = nhsuk.ExpanderBlock()
    do_list = nhsuk.DoBlock()
    dont_list = nhsuk.DontBlock()
    action_link = nhsuk.ActionLinkBlock()
    image = nhsuk.ImageBlock()
    table = nhsuk.TableBlock()
    document = DocumentChooserBlock(
        template="blocks/document.html", help_text="A file to download, such as a PDF."
    )
    video = EmbedBlock(help_text="A video address, such as a YouTube link.")

    class Meta:
        template = "blocks/stream.html"

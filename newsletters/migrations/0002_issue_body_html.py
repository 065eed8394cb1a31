# The newsletter body becomes the rich-text editor's HTML. Bodies written in
# the old text format (paragraphs, "- " lists, bare web addresses) are
# converted to the HTML they were shown as, sanitised with the editor's
# allow-list. Going back turns the HTML into that text format again.

from django.db import migrations, models

FIELDS = ("body", "body_fi", "body_sv")
HELP = (
    "Subheadings, paragraphs, bold and italic text, lists, quotes and links. "
    "Any other markup is removed when saved."
)


def _convert(apps, to_html: bool) -> None:
    from portal.lib import sanitize

    NewsletterIssue = apps.get_model("newsletters", "NewsletterIssue")
    changed = []
    for issue in NewsletterIssue.objects.only("pk", *FIELDS).iterator():
        dirty = False
        for field in FIELDS:
            value = getattr(issue, field)
            if not value or sanitize.is_html(value) == to_html:
                continue
            new = sanitize.clean_rich(value) if to_html else sanitize.plain_rich(value)
            setattr(issue, field, new)
            dirty = True
        if dirty:
            changed.append(issue)
    NewsletterIssue.objects.bulk_update(changed, FIELDS, batch_size=200)


def text_to_html(apps, schema_editor):
    _convert(apps, to_html=True)


def html_to_text(apps, schema_editor):
    _convert(apps, to_html=False)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="newsletterissue",
            name="body",
            field=models.TextField(blank=True, help_text=HELP, verbose_name="body"),
        ),
        migrations.AlterField(
            model_name="newsletterissue",
            name="body_fi",
            field=models.TextField(
                blank=True, help_text=HELP, null=True, verbose_name="body"
            ),
        ),
        migrations.AlterField(
            model_name="newsletterissue",
            name="body_sv",
            field=models.TextField(
                blank=True, help_text=HELP, null=True, verbose_name="body"
            ),
        ),
        migrations.RunPython(text_to_html, html_to_text, elidable=True),
    ]

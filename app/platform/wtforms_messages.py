"""Form messages of WTForms that SIBIKA's forms can show.

WTForms ships no Indonesian catalogue; listing its messages here puts them in
SIBIKA's own catalogue, and app.platform.i18n makes Flask-WTF read that catalogue.
The strings must stay exactly as WTForms writes them."""
from flask_babel import lazy_gettext as _

MESSAGES = (
    _("This field is required."),
    _("Not a valid choice."),
    _("Invalid Choice: could not coerce."),
    _("Not a valid date value."),
    _("Not a valid datetime value."),
    _("Not a valid integer value."),
    _("Not a valid decimal value."),
    _("Not a valid float value."),
    _("Number must be at least %(min)s."),
    _("Number must be at most %(max)s."),
    _("Number must be between %(min)s and %(max)s."),
    _("Invalid email address."),
    _("Invalid input."),
    _("Field must be equal to %(other_name)s."),
)

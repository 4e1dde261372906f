"""The "Laisser un commentaire" form: French messages, honeypot, captcha checked last."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .captcha import CommentCaptchaField
from .models import Comment

BODY_MIN, BODY_MAX = 2, 5000


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Votre commentaire"),
        min_length=BODY_MIN,
        max_length=BODY_MAX,
        help_text=_("Texte simple, de 2 à 5 000 caractères ; les retours à la ligne sont gardés."),
        error_messages={
            "required": _("Écrivez votre commentaire."),
            "min_length": _(
                "Votre commentaire est trop court (%(limit_value)d caractères au moins)."
            ),
            "max_length": _(
                "Votre commentaire est trop long : %(show_value)d caractères pour "
                "%(limit_value)d au plus. Raccourcissez-le un peu."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": BODY_MAX, "data-counter": "true"}),
    )
    author_name = forms.CharField(
        label=_("Nom ou pseudonyme"),
        max_length=80,
        help_text=_("Affiché avec votre commentaire."),
        error_messages={
            "required": _("Indiquez un nom ou un pseudonyme."),
            "max_length": _("Ce nom est trop long (%(limit_value)d caractères au plus)."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    author_email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        help_text=_("Jamais publiée ; la rédaction peut vous écrire au sujet de ce commentaire."),
        error_messages={
            "required": _("Indiquez votre adresse e-mail."),
            "invalid": _("Cette adresse e-mail n’est pas valide."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    remember = forms.BooleanField(
        label=_("Se souvenir de mon nom et de mon adresse sur cet appareil"),
        required=False,
    )
    # Honeypot: hidden from people by CSS; robots fill every field they see.
    website = forms.CharField(
        label=_("Ne remplissez pas ce champ"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    captcha = CommentCaptchaField(label=_("Vérification anti-robot"))

    def __init__(self, *args, article, remote_ip=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.remote_ip = remote_ip
        self.captcha_outcome = None

    @property
    def is_spam_trap(self):
        return bool(self.data.get("website"))

    def clean_body(self):
        # Keep the reader's line breaks, but not trailing spaces or Windows endings.
        return self.cleaned_data["body"].replace("\r\n", "\n").strip()

    def clean_author_name(self):
        return " ".join(self.cleaned_data["author_name"].split())

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if not parent_id:
            return None
        parent = (
            Comment.objects.approved()
            .filter(pk=parent_id, article=self.article)
            .select_related("parent")
            .first()
        )
        if parent is None:
            raise ValidationError(
                _("On ne peut répondre qu’à un commentaire publié de cet article."),
                code="invalid_parent",
            )
        # One level of replies: answering a reply answers its thread.
        return parent.parent or parent

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            # Ask Google only about an otherwise valid comment: the reader gets a
            # fresh token with the next submit anyway.
            return cleaned
        token = cleaned.get("captcha")
        try:
            self.captcha_outcome = self.fields["captcha"].verify(token, remote_ip=self.remote_ip)
        except ValidationError as error:
            self.add_error("captcha", error)
        return cleaned

"""Account forms: field types and autocomplete hints for phones, Django's password validators."""
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..models import User

EMAIL_MAX_LENGTH = 254


def _email_widget(autocomplete: str = "email", **attrs) -> forms.EmailInput:
    return forms.EmailInput(attrs={"autocomplete": autocomplete, "autocapitalize": "none",
                                   "spellcheck": "false", **attrs})


def _password_field(label, autocomplete: str, help_text="") -> forms.CharField:
    return forms.CharField(label=label, strip=False, help_text=help_text,
                           widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}))


class EmailNormalizingMixin:
    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class SignUpForm(EmailNormalizingMixin, forms.ModelForm):
    password1 = _password_field(_("Password"), "new-password",
                                password_validation.password_validators_help_text_html())
    password2 = _password_field(_("Password again"), "new-password", _("The same password, to be sure."))

    class Meta:
        model = User
        fields = ("email", "full_name", "language")
        labels = {"email": _("E-mail address"), "full_name": _("Your name"), "language": _("Preferred language")}
        help_texts = {"email": _("We send a link to this address to confirm it.")}
        widgets = {
            "email": _email_widget(),
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        language = get_language()
        if language in dict(settings.LANGUAGES):
            self.fields["language"].initial = language

    def clean_email(self):
        email = super().clean_email()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail address already exists. Log in, or reset your password."),
                code="duplicate_email",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", forms.ValidationError(_("The two passwords are not the same."),
                                                              code="password_mismatch"))
        elif password1:
            # Validated against the would-be user, so a password like the name or address is refused.
            user = User(email=cleaned.get("email") or "", full_name=cleaned.get("full_name") or "")
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), max_length=EMAIL_MAX_LENGTH,
        # "username" (not "email") is the token password managers look for on a login form.
        widget=_email_widget("username", autofocus=True),
    )
    password = _password_field(_("Password"), "current-password")

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or the password is not right. Both are checked exactly; "
                           "the password is case-sensitive."),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("full_name", "language")
        labels = {"full_name": _("Your name"), "language": _("Preferred language")}
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True


class EmailChangeForm(EmailNormalizingMixin, forms.Form):
    email = forms.EmailField(label=_("New e-mail address"), max_length=EMAIL_MAX_LENGTH, widget=_email_widget())
    password = _password_field(_("Your current password"), "current-password",
                               _("To be sure it is you asking."))

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = super().clean_email()
        if email == self.user.email:
            raise forms.ValidationError(_("This is already your e-mail address."), code="same_email")
        if User.objects.filter(email=email).exclude(pk=self.user.pk).exists():
            raise forms.ValidationError(_("Another account uses this address."), code="duplicate_email")
        return email

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right."), code="password_incorrect")
        return password


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].widget.attrs.update(autocomplete="current-password", autofocus=False)


class PasswordResetForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=EMAIL_MAX_LENGTH,
                             widget=_email_widget(autofocus=True))


class SetPasswordForm(auth_forms.SetPasswordForm):
    """The new password, twice; Django's validators; ``new-password`` hints already set by Django."""

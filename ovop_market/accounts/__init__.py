"""Accounts: sign up, e-mail confirmation, log in and out, password reset, change of e-mail."""

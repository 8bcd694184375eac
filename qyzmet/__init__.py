"""Qyzmet: public-service delivery under the Law of the RK "On public services"."""

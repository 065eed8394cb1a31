"""The demo personas, one per role. Shared by ``load_demo`` and the README."""

DEMO_PASSWORD = "demo-salasana-2026"  # noqa: S105  (demo mode only)

# username: (first name, last name, email, is superuser)
DEMO_USERS = {
    "admin": ("Aino", "Ylläpitäjä", "admin@example.fi", True),
    "manager": ("Maija", "Hankepäällikkö", "manager@example.fi", False),
    "steering": ("Olli", "Ohjaaja", "steering@example.fi", False),
    "member": ("Tiina", "Työryhmäläinen", "member@example.fi", False),
}

from django.urls import path
from django.utils.translation import gettext_lazy as _

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path(_("<slug:slug>/groups/<int:pk>/"), views.group_detail, name="group"),
]

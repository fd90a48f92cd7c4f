from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from recipeplanner import accounts
from sessions_app import api, views

api_patterns = [
    path("sessions/", api.SessionListView.as_view(), name="api-session-list"),
    path("sessions/<uuid:session_id>/", api.SessionDetailView.as_view(), name="api-session-detail"),
    path("sessions/<uuid:session_id>/dishes/", api.DishCreateView.as_view(), name="api-dish-create"),
    # The documented path has no trailing slash; the slashed form works too.
    path(
        "sessions/<uuid:session_id>/upload-recipe", api.UploadRecipeView.as_view(), name="api-upload-recipe"
    ),
    path("sessions/<uuid:session_id>/upload-recipe/", api.UploadRecipeSlashedView.as_view()),
    path("sessions/<uuid:session_id>/tasks/", api.SessionTasksView.as_view(), name="api-session-tasks"),
    path(
        "sessions/<uuid:session_id>/shopping-list/", api.ShoppingListView.as_view(), name="api-shopping-list"
    ),
    path(
        "sessions/<uuid:session_id>/shopping-list/items/",
        api.ShoppingItemsView.as_view(),
        name="api-shopping-items",
    ),
    path(
        "sessions/<uuid:session_id>/shopping-list/items/<str:key>/",
        api.ShoppingItemView.as_view(),
        name="api-shopping-item",
    ),
    path(
        "sessions/<uuid:session_id>/dishes/<int:dish_id>/",
        api.DishDetailView.as_view(),
        name="api-dish-detail",
    ),
    path("tasks/<uuid:task_id>/", api.TaskDetailView.as_view(), name="api-task-detail"),
    path("tasks/<uuid:task_id>/retry/", api.TaskRetryView.as_view(), name="api-task-retry"),
    path("tasks/<uuid:task_id>/cancel/", api.TaskCancelView.as_view(), name="api-task-cancel"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Anything else under /api/, malformed ids included, is a JSON 404 rather than an HTML page.
    re_path(r"^", api.not_found),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("sessions/<uuid:session_id>/", views.session_page, name="session-page"),
    path("sessions/<uuid:session_id>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<uuid:session_id>/delete/", views.session_delete, name="session-delete"),
    path("sessions/<uuid:session_id>/upload/", views.upload, name="session-upload"),
    path("sessions/<uuid:session_id>/dishes/add/", views.dish_add, name="dish-add"),
    path("sessions/<uuid:session_id>/dishes/<int:dish_id>/rename/", views.dish_rename, name="dish-rename"),
    path("sessions/<uuid:session_id>/dishes/<int:dish_id>/remove/", views.dish_remove, name="dish-remove"),
    path(
        "sessions/<uuid:session_id>/dishes/<int:dish_id>/fragment", views.dish_fragment, name="dish-fragment"
    ),
    path("sessions/<uuid:session_id>/uploads/<uuid:task_id>/retry/", views.job_retry, name="job-retry"),
    path("sessions/<uuid:session_id>/uploads/<uuid:task_id>/cancel/", views.job_cancel, name="job-cancel"),
    path("sessions/<uuid:session_id>/fragments/<slug:part>", views.fragment, name="session-fragment"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path("accounts/", accounts.account, name="account"),
    # login/, logout/ (POST), password_change/, password_reset/ and the rest of the reset flow.
    path("accounts/", include("django.contrib.auth.urls")),
    path("sessions/<uuid:session_id>/shopping-list/", views.shopping_list_part, name="shopping-list-part"),
    path(
        "sessions/<uuid:session_id>/shopping-list/settings/",
        views.shopping_list_settings,
        name="shopping-list-settings",
    ),
    path(
        "sessions/<uuid:session_id>/shopping-list/items/",
        views.shopping_item_add,
        name="shopping-item-add",
    ),
    path(
        "sessions/<uuid:session_id>/shopping-list/items/<str:key>/remove/",
        views.shopping_item_remove,
        name="shopping-item-remove",
    ),
    path(
        "sessions/<uuid:session_id>/shopping-list/print/",
        views.shopping_list_print,
        name="shopping-list-print",
    ),
    path("admin/", admin.site.urls),
    path("api/", include(api_patterns)),
]

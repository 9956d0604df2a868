from django.contrib import admin
from django.utils.html import format_html

from .models import Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("sku", "name", "storefront_link")
    search_fields = ("sku", "name")

    @admin.display(description="Storefront")
    def storefront_link(self, obj):
        return format_html(
            '<a href="/p/{}" title="{}">{}</a>',
            obj.slug,
            obj.name,
            obj.name,
        )

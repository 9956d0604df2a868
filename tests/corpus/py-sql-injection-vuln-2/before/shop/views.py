from django.db import connection
from django.http import JsonResponse


def order_list(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, total FROM orders ORDER BY created DESC LIMIT 50")
        rows = cursor.fetchall()
    return JsonResponse({"orders": rows})

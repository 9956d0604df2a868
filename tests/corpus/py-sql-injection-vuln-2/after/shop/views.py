from django.db import connection
from django.http import JsonResponse


def order_list(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, total FROM orders ORDER BY created DESC LIMIT 50")
        rows = cursor.fetchall()
    return JsonResponse({"orders": rows})


def orders_by_status(request):
    status = request.GET.get("status", "open")
    sql = "SELECT id, total FROM orders WHERE status = '%s' ORDER BY created DESC" % status
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return JsonResponse({"orders": rows})

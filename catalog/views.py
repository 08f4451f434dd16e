from django.http import HttpResponse


def home(request):
    return HttpResponse("home")


product_list = product_detail = producer = region = home

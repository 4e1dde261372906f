"""Campaign reports: impressions, clicks and CTR per day and per creative, as HTML or CSV."""

import csv
from collections import defaultdict

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .counting import flush_stats
from .models import AdStat, Campaign


def ctr(impressions, clicks):
    """Return the click-through rate as a percentage (None without impressions)."""
    return round(100 * clicks / impressions, 2) if impressions else None


def campaign_rows(campaign):
    """Return (per-day totals, per-creative-per-day rows) for a campaign."""
    stats = (
        AdStat.objects.filter(creative__campaign=campaign)
        .select_related("creative")
        .order_by("date", "creative_id")
    )
    days = defaultdict(lambda: [0, 0])
    rows = []
    for stat in stats:
        days[stat.date][0] += stat.impressions
        days[stat.date][1] += stat.clicks
        rows.append(
            {
                "date": stat.date,
                "creative": stat.creative,
                "impressions": stat.impressions,
                "clicks": stat.clicks,
                "ctr": ctr(stat.impressions, stat.clicks),
            }
        )
    totals = [
        {"date": day, "impressions": imp, "clicks": clk, "ctr": ctr(imp, clk)}
        for day, (imp, clk) in sorted(days.items())
    ]
    return totals, rows


def campaign_report(request, pk, admin_context):
    """Render the report; `?format=csv` downloads it."""
    campaign = get_object_or_404(Campaign, pk=pk)
    # Include what is still in the cache counters, so the report is up to the minute.
    flush_stats()
    totals, rows = campaign_rows(campaign)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="campagne-{campaign.pk}.csv"'
        response.write("\ufeff")  # Lets spreadsheet software detect UTF-8.
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [_("Jour"), _("Publicité"), _("Impressions"), _("Clics"), _("Taux de clic (%)")]
        )
        for row in rows:
            writer.writerow(
                [
                    row["date"].isoformat(),
                    str(row["creative"]),
                    row["impressions"],
                    row["clicks"],
                    "" if row["ctr"] is None else str(row["ctr"]).replace(".", ","),
                ]
            )
        return response
    total_impressions = sum(day["impressions"] for day in totals)
    total_clicks = sum(day["clicks"] for day in totals)
    context = {
        **admin_context,
        "title": _("Rapport : %(campaign)s") % {"campaign": campaign},
        "campaign": campaign,
        "opts": Campaign._meta,
        "totals": totals,
        "rows": rows,
        "total_impressions": total_impressions,
        "total_clicks": total_clicks,
        "total_ctr": ctr(total_impressions, total_clicks),
    }
    return render(request, "ads/admin/report.html", context)

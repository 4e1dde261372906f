#!/bin/sh
# Periodic jobs of the site, for the docker-compose "cron" service (run ONE such
# container, however many web replicas there are). A plain loop rather than a
# cron daemon: nothing to install in the image, logs go to stdout like the web's.
#
#   every minute   flush_ad_stats          ad impressions/clicks from the cache to AdStat
#   once a day     purge_comment_data      erase commenters' IPs and browsers after retention
#                  clearsessions           drop expired sessions
#                  axes_reset_logs         drop admin login logs older than AXES_LOG_DAYS
#                  axes_reset_failure_logs
#                  check_media             report images missing from storage (exit 1)
set -u

DAILY_HOUR="${DAILY_JOBS_HOUR:-03}"   # local time of the container (UTC by default)
LOG_DAYS="${AXES_LOG_DAYS:-90}"
last_daily=""

run() {
    # A failing job is logged and retried at its next turn; the loop never stops.
    python manage.py "$@" || echo "cron: '$*' failed with status $?" >&2
}

while true; do
    run flush_ad_stats
    today="$(date +%F)"
    if [ "$(date +%H)" = "$DAILY_HOUR" ] && [ "$today" != "$last_daily" ]; then
        last_daily="$today"
        run purge_comment_data
        run clearsessions
        run axes_reset_logs --age "$LOG_DAYS"
        run axes_reset_failure_logs --age "$LOG_DAYS"
        run check_media
    fi
    sleep 60
done

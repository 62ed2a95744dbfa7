package dev.parley.tenant.widget;

import dev.parley.tenant.widget.WidgetConfig.Hours;
import dev.parley.tenant.widget.WidgetConfig.Invitation;
import dev.parley.tenant.widget.WidgetConfig.Look;
import dev.parley.tenant.widget.WidgetConfig.Offline;
import dev.parley.tenant.widget.WidgetConfig.SurveyField;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A site's widget configuration as the widget reads it ({@code GET /api/tenant/widget/{siteKey}})
 * and the console edits it: the configuration with the site's key and its revision in front.
 *
 * @param revision 0 while the site has the default configuration, +1 per saved change
 */
public record SiteWidget(
        String siteKey,
        long revision,
        Look look,
        List<SurveyField> survey,
        List<Invitation> invitations,
        @Nullable Hours hours,
        Offline offline) {

    public static SiteWidget of(String siteKey, long revision, WidgetConfig config) {
        return new SiteWidget(
                siteKey,
                revision,
                config.look(),
                config.survey(),
                config.invitations(),
                config.hours(),
                config.offline());
    }
}

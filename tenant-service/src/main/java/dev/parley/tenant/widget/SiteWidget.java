package dev.parley.tenant.widget;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.tenant.widget.WidgetConfig.Hours;
import dev.parley.tenant.widget.WidgetConfig.Invitation;
import dev.parley.tenant.widget.WidgetConfig.Look;
import dev.parley.tenant.widget.WidgetConfig.Offline;
import dev.parley.tenant.widget.WidgetConfig.SurveyField;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A site's widget configuration as the widget reads it ({@code GET /api/tenant/widget/{siteKey}})
 * and the console edits it: the configuration with the site's key and its revision in front.
 *
 * @param revision 0 while the site has the default configuration, +1 per saved change
 * @param departments what a {@code department} survey field offers: the tenant's departments, by name,
 *     with their hours; empty when the survey has no such field
 */
public record SiteWidget(
        String siteKey,
        long revision,
        Look look,
        List<SurveyField> survey,
        List<Invitation> invitations,
        @Nullable Hours hours,
        Offline offline,
        // Left out when empty: a survey without a department field reads as it always did.
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DepartmentChoice> departments) {

    public SiteWidget {
        departments = List.copyOf(departments);
    }

    public static SiteWidget of(String siteKey, long revision, WidgetConfig config) {
        return new SiteWidget(
                siteKey,
                revision,
                config.look(),
                config.survey(),
                config.invitations(),
                config.hours(),
                config.offline(),
                List.of());
    }

    /** Whether the survey lets the visitor choose a department. */
    public boolean choosesDepartment() {
        return survey.stream().anyMatch(field -> field.type().equals("department"));
    }

    public SiteWidget withDepartments(List<DepartmentChoice> choices) {
        return new SiteWidget(siteKey, revision, look, survey, invitations, hours, offline, choices);
    }

    /** A department a visitor may choose; {@code hours} null: always open. */
    public record DepartmentChoice(
            UUID id, String name, @Nullable Hours hours) {}
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace Payments.Gateway.Migrations;

/// <summary>
/// The hand-written part of the <c>WebhooksBySource</c> migration of every provider: the rows of the Stripe-only tables are
/// copied into the tables keyed by source before the old tables are dropped, so recorded event ids keep answering
/// Stripe's redeliveries as duplicates. Double-quoted identifiers read the same on SQLite, PostgreSQL and SQL Server
/// (QUOTED_IDENTIFIER is on for SqlClient sessions). Rejected rows get new ids, in their old order.
/// </summary>
static class WebhooksBySourceData
{
    public static void CopyUp(MigrationBuilder migration)
    {
        migration.Sql("""
            INSERT INTO "WebhookEvents" ("Source", "EventId", "Type", "ApiVersion", "Livemode", "ReceivedAt", "Outcome", "CorrelationId", "Payload")
            SELECT 'stripe', "EventId", "Type", "ApiVersion", "Livemode", "ReceivedAt", "Outcome", "CorrelationId", "Payload" FROM "StripeWebhookEvents";
            """);
        migration.Sql("""
            INSERT INTO "RejectedWebhooks" ("Source", "ReceivedAt", "EventId", "EventType", "Reason", "Detail", "Payload")
            SELECT 'stripe', "ReceivedAt", "EventId", "EventType", "Reason", "Detail", "Payload" FROM "RejectedStripeWebhooks" ORDER BY "Id";
            """);
    }

    /// <summary>Back to the Stripe-only tables: only Stripe's rows fit there; Flow and Reason are dropped.</summary>
    public static void CopyDown(MigrationBuilder migration)
    {
        migration.Sql("""
            INSERT INTO "StripeWebhookEvents" ("EventId", "Type", "ApiVersion", "Livemode", "ReceivedAt", "Outcome", "CorrelationId", "Payload")
            SELECT "EventId", "Type", "ApiVersion", "Livemode", "ReceivedAt", "Outcome", "CorrelationId", "Payload" FROM "WebhookEvents" WHERE "Source" = 'stripe';
            """);
        migration.Sql("""
            INSERT INTO "RejectedStripeWebhooks" ("ReceivedAt", "EventId", "EventType", "Reason", "Detail", "Payload")
            SELECT "ReceivedAt", "EventId", "EventType", "Reason", "Detail", "Payload" FROM "RejectedWebhooks" WHERE "Source" = 'stripe' ORDER BY "Id";
            """);
    }
}

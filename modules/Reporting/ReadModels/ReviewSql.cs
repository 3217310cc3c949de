using DoanPlatform.EventStore.Projections;
using Npgsql;

namespace DoanPlatform.Reporting.ReadModels;

/// <summary>The module's schema and the small helpers its read models share.</summary>
internal static class ReviewSql
{
    public const string Schema = "doan_reporting";

    /// <summary>A command with positional parameters (cast them in the SQL where a null may come, e.g. <c>$3::date</c>).</summary>
    public static NpgsqlCommand Command(NpgsqlDataSource db, string sql, params object?[] values) => Bind(db.CreateCommand(sql), values);

    public static NpgsqlCommand Command(ProjectionContext context, string sql, params object?[] values) => Bind(context.Command(sql), values);

    public static async Task ExecuteAsync(ProjectionContext context, string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = Command(context, sql, values);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static NpgsqlCommand Bind(NpgsqlCommand command, object?[] values)
    {
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }

    public static T? Get<T>(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? default : reader.GetFieldValue<T>(ordinal);

    public static T? Value<T>(this NpgsqlDataReader reader, int ordinal) where T : struct => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}

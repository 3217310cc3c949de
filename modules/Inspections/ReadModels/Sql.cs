using DoanPlatform.EventStore.Projections;
using Npgsql;

namespace DoanPlatform.Inspections.ReadModels;

internal static class InspectionsSchema
{
    public const string Name = "doan_inspections";
}

internal static class Sql
{
    public static async Task ExecuteAsync(ProjectionContext context, string sql, params object?[] values)
    {
        await using var command = context.Command(sql);
        foreach (var value in values)
            command.Parameters.Add(value is string[] lines
                ? new NpgsqlParameter { Value = System.Text.Json.JsonSerializer.Serialize(lines), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb }
                : new NpgsqlParameter { Value = value ?? DBNull.Value });
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public static NpgsqlCommand Command(NpgsqlDataSource db, string sql, params object?[] values)
    {
        var command = db.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        return command;
    }
}

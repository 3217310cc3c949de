using DoanPlatform.EventStore.Projections;
using Npgsql;

namespace DoanPlatform.Emulation.ReadModels;

internal static class EmulationSchema
{
    public const string Name = "doan_emulation";
}

internal static class Sql
{
    public static async Task ExecuteAsync(ProjectionContext context, string sql, params object?[] values)
    {
        await using var command = context.Command(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
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

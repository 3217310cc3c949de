using DoanPlatform.EventStore;
using DoanPlatform.EventStore.Projections;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Organisation.Units;
using Npgsql;
using NpgsqlTypes;

namespace DoanPlatform.Organisation.ReadModels;

/// <summary>
/// Every unit code ever given. Inline: its primary key is what makes a code unique when two offices establish
/// (or import) units with the same code at the same moment; the tree's async read model only catches the usual case.
/// </summary>
internal sealed class UnitCodesProjection : IProjection
{
    public const string ProjectionName = "organisation.unit_codes";
    public string Name => ProjectionName;
    public string Schema => Db.Schema;
    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(UnitEstablished)];

    public string CreateTablesSql(string schema) =>
        $"""create table if not exists "{schema}".unit_codes (code text not null constraint unit_codes_unique primary key, unit_id uuid not null);""";

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var established = events.Select(e => (UnitEstablished)e.Data).ToList();
        await using var command = context.Command($"insert into {context.Table("unit_codes")} select * from unnest($1::text[], $2::uuid[])");
        command.Parameters.Add(new NpgsqlParameter { Value = established.Select(u => u.Code).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = established.Select(u => u.UnitId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Saves a session that establishes units, turning a code taken meanwhile into a refusal (422).</summary>
    public static async Task SaveAsync(Func<Task> save)
    {
        try
        {
            await save().ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "unit_codes_unique")
        {
            throw new DomainRuleException("Mã đơn vị đã được dùng cho một đơn vị khác; hãy chọn mã khác.");
        }
    }
}

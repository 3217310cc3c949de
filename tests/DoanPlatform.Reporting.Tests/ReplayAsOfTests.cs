using System.Globalization;
using System.Net;
using System.Text.Json;
using DoanPlatform.Testing;
using Npgsql;

namespace DoanPlatform.Reporting.Tests;

/// <summary>"What did the platform show then": read models replayed from the events recorded up to a time.</summary>
public sealed class ReplayAsOfTests(VietnamFactory factory) : IClassFixture<VietnamFactory>
{
    /// <summary>When the platform recorded the <paramref name="index"/>-th event of this type in this stream.</summary>
    private async Task<DateTimeOffset> RecordedAtAsync(Guid stream, string type, int index)
    {
        await using var db = NpgsqlDataSource.Create(factory.ConnectionString);
        await using var command = db.CreateCommand("select recorded_at from doan_events.events where stream_id = $1 and type = $2 order by seq offset $3 limit 1");
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        command.Parameters.Add(new NpgsqlParameter { Value = index });
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!, TimeSpan.Zero);
    }

    private static JsonElement Invitation(JsonElement state) =>
        state.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == "invitations").GetProperty("rows").EnumerateArray().Single();

    [Fact]
    public async Task An_attendance_corrected_later_shows_its_old_status_as_of_before_the_correction_and_the_new_one_after()
    {
        var world = await ReplayWorld.BuildAsync(factory);
        var absence = await RecordedAtAsync(world.Meeting, "meetings.attendance_recorded", 0);
        var correction = await RecordedAtAsync(world.Meeting, "meetings.attendance_recorded", 1);
        Assert.True(absence < correction);
        string Url(DateTimeOffset at) =>
            $"/api/reports/audit/units/{world.UnitCode}/as-of?readModel=meetings.attendance&at={Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture))}";

        var before = await world.Admin.GetJsonAsync(Url(absence));
        var after = await world.Admin.GetJsonAsync(Url(correction));

        var old = Invitation(before);
        Assert.Equal(world.Unit, old.GetProperty("unit_id").GetGuid());
        Assert.Equal("ExcusedAbsence", old.GetProperty("status").GetString());
        Assert.Equal("Trùng lịch tiếp đoàn công tác của Tỉnh đoàn", old.GetProperty("reason").GetString());
        Assert.Equal("Present", Invitation(after).GetProperty("status").GetString());
        Assert.Equal(["meetings.attendance"], before.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("readModel").GetString()).Distinct());

        // Before the meeting was recorded at all, the read model knew nothing of it; and nothing of the replay is left behind.
        var convened = await RecordedAtAsync(world.Meeting, "meetings.meeting_convened", 0);
        Assert.Empty((await world.Admin.GetJsonAsync(Url(convened.AddTicks(-10)))).GetProperty("tables").EnumerateArray());
        await using var db = NpgsqlDataSource.Create(factory.ConnectionString);
        await using var schemas = db.CreateCommand("select count(*) from pg_namespace where nspname like 'doan_asof_%'");
        Assert.Equal(0L, await schemas.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Without_a_read_model_every_read_model_but_the_history_is_replayed_and_a_merged_unit_shows_as_it_stood()
    {
        var world = await ReplayWorld.BuildAsync(factory);
        var merge = await RecordedAtAsync(world.Merged, "organisation.unit_merged", 0);

        var before = await world.Admin.GetJsonAsync($"/api/reports/audit/units/{world.MergedCode}/as-of?at={Uri.EscapeDataString(merge.AddTicks(-10).ToString("O", CultureInfo.InvariantCulture))}");
        var now = await world.Admin.GetJsonAsync($"/api/reports/audit/units/{world.MergedCode}/as-of?at={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))}");

        JsonElement Version(JsonElement state) => state.GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("readModel").GetString() == "organisation.unit_tree" && t.GetProperty("table").GetString() == "unit_versions")
            .GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("unit_id").GetGuid() == world.Merged);
        Assert.Equal(JsonValueKind.Null, Version(before).GetProperty("valid_to").ValueKind);
        Assert.Equal("2024-03-01", Version(now).GetProperty("valid_to").GetString());
        Assert.DoesNotContain(now.GetProperty("tables").EnumerateArray(), t => t.GetProperty("readModel").GetString() == "reporting.unit_timeline");
    }

    [Fact]
    public async Task A_missing_or_malformed_time_and_an_unknown_read_model_are_400_naming_the_field()
    {
        var world = await ReplayWorld.BuildAsync(factory);
        var url = $"/api/reports/audit/units/{world.UnitCode}/as-of";

        foreach (var (query, field) in new[]
                 {
                     ("", "at"), ("?at=", "at"), ("?at=hôm-qua", "at"), ("?at=2024-13-45", "at"),
                     ("?at=2024-05-01&readModel=khong.co", "readModel"),
                 })
        {
            var response = await world.Admin.GetAsync(new Uri(url + query, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), query);
        }
    }
}

using System.Text.Json;
using DoanPlatform.EventStore;
using DoanPlatform.Meetings.Contracts;
using DoanPlatform.Meetings.Features;
using DoanPlatform.Meetings.Notices;
using DoanPlatform.Meetings.Tests.Notices;
using DoanPlatform.Organisation.Contracts;
using DoanPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DoanPlatform.Meetings.Tests.Features;

/// <summary>Old notices imported into a unit tree built over HTTP: all or nothing, every named unit matched.</summary>
public sealed class ImportNoticeTests(SignedInFactory factory) : IClassFixture<SignedInFactory>
{
    private static readonly Actor Importer = new("test", "Kiểm thử nhập thông báo");

    /// <summary>The 11 excused units as the 2023 Q2 notice names them.</summary>
    private static readonly string[] Excused =
    [
        "Đoàn Cơ quan Liên đoàn Lao động", "Đoàn Sở Kế hoạch và Đầu tư", "Đoàn Sở Ngoại vụ", "Đoàn Sở Nông nghiệp và Phát triển nông thôn",
        "Đoàn Sở Tài chính", "Đoàn trường Cao đẳng Kỹ thuật Nguyễn Trường Tộ", "Đoàn trường Trung cấp Kỹ thuật Nông nghiệp",
        "Đoàn trường Trung cấp nghề Kỹ thuật – Nghiệp vụ Tôn Đức Thắng", "Chi đoàn Thanh tra", "Chi đoàn Cơ quan Hội Liên hiệp Phụ nữ",
        "Chi đoàn trường Trung cấp Thông tin và truyền thông",
    ];

    /// <summary>The same units as the tree writes some of them: other case, a missing diacritic, another prefix.</summary>
    private static string[] TreeNames() =>
        [.. Excused.Select(n => n switch
        {
            "Đoàn Sở Ngoại vụ" => "ĐOÀN SỞ NGOẠI VỤ",
            "Đoàn Sở Tài chính" => "Đoàn Sở Tai chinh",
            "Chi đoàn Thanh tra" => "Đoàn Thanh tra",
            _ => n,
        })];

    private async Task<(string Code, Guid Id, HttpClient Admin)> BlocAsync(IEnumerable<string> named, int total, string name = "Đoàn Khối Dân – Chính – Đảng Thành phố")
    {
        var admin = await factory.SignInAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await admin.EstablishAsync($"T{tag}", "Thành Đoàn Vũng Tàu", "Province", null, "2020-01-01");
        var bloc = await admin.EstablishAsync($"T{tag}.DK", name, "Bloc", province, "2020-01-01");
        var names = named.ToList();
        for (var i = names.Count; i < total; i++)
            names.Add($"Chi đoàn cơ sở số {i + 1:00}");
        for (var i = 0; i < names.Count; i++)
            await admin.EstablishAsync($"T{tag}.DK.{i:00}", names[i], "Grassroots", bloc, "2020-01-01", sector: "Agencies");
        await factory.WaitForNonStaleAsync();
        return ($"T{tag}.DK", bloc, admin);
    }

    private Task<ImportNotice.Result> ImportAsync(string path, string code, bool dryRun = false, bool force = false, Dictionary<string, Guid>? matches = null) =>
        ImportNotice.RunAsync(factory.Store, factory.Services.GetRequiredService<IUnitDirectory>(), Importer,
            new ImportNotice.Request(Path.GetFileName(path), () => NoticeText.Read(path), code, matches ?? [], dryRun, force), CancellationToken.None);

    private async Task<long> EventCountAsync()
    {
        await using var command = factory.Store.DataSource.CreateCommand("select count(*) from doan_events.events");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_2023_Q2_briefing_imports_as_49_of_60_with_the_11_excused_units_named()
    {
        var (code, _, admin) = await BlocAsync(TreeNames(), 60);

        var result = await ImportAsync(NoticeSamples.PathOf(NoticeSamples.Q2Briefing), code);

        Assert.Equal(ImportNotice.Outcome.Imported, result.Outcome);
        Assert.Empty(result.Unmatched);
        Assert.Equal(11, result.Matched.Count);
        var meeting = await admin.GetJsonAsync($"/api/meetings/{result.MeetingId}");
        Assert.Equal("49/60", meeting.GetProperty("summary").GetString());
        Assert.Equal((60, 49, 11, 0), (meeting.GetProperty("invited").GetInt32(), meeting.GetProperty("present").GetInt32(),
            meeting.GetProperty("excused").GetInt32(), meeting.GetProperty("unexcused").GetInt32()));
        Assert.Equal("Briefing", meeting.GetProperty("kind").GetString());
        Assert.Equal("Hội nghị giao ban Quý II/2023", meeting.GetProperty("title").GetString());
        Assert.Equal("2023-03-31", meeting.GetProperty("heldOn").GetString());
        Assert.Equal("Nguyễn Đăng Khoa", meeting.GetProperty("chairs")[0].GetProperty("name").GetString());
        var excused = meeting.GetProperty("attendance").EnumerateArray().Where(a => a.GetProperty("status").GetString() == "ExcusedAbsence").ToList();
        Assert.Equal(TreeNames().Order(StringComparer.Ordinal), excused.Select(a => a.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(excused, a => Assert.Equal(ImportNotice.DefaultExcuse, a.GetProperty("reason").GetString()));
        Assert.Equal(5, meeting.GetProperty("conclusions")[0].GetProperty("items").GetArrayLength());

        var task = Assert.Single(result.Events.OfType<TaskAssigned>());
        Assert.Equal((AssigneeScope.AllInvited, new DateOnly(2023, 4, 30), 60), (task.Scope, task.Deadline, task.Units.Count));
        Assert.Equal([task.TaskId], meeting.GetProperty("tasks").EnumerateArray().Select(t => t.GetGuid()));
        var stored = await factory.Store.QuerySession().Events.FetchStreamAsync(result.MeetingId!.Value);
        Assert.All(stored, e => Assert.Equal("Nhập từ thông báo cũ: 2023-q2-giao-ban-doan-khoi.txt", e.Metadata.Reason));

        await factory.WaitForNonStaleAsync();
        var before = await EventCountAsync();
        var again = await ImportAsync(NoticeSamples.PathOf(NoticeSamples.Q2Briefing), code);
        Assert.Equal(ImportNotice.Outcome.Refused, again.Outcome);
        Assert.Contains(again.Warnings, w => w.Contains($"đã có hội nghị cùng loại ngày 31/03/2023: \"Hội nghị giao ban Quý II/2023\" ({result.MeetingId})", StringComparison.Ordinal));
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task The_2024_inspection_imports_with_its_24_branches_present()
    {
        var (code, _, admin) = await BlocAsync([], 24, "Đoàn khối các cơ quan và doanh nghiệp tỉnh");

        var result = await ImportAsync(NoticeSamples.PathOf(NoticeSamples.Inspection), code);

        Assert.Equal(ImportNotice.Outcome.Imported, result.Outcome);
        var meeting = await admin.GetJsonAsync($"/api/meetings/{result.MeetingId}");
        Assert.Equal("24/24", meeting.GetProperty("summary").GetString());
        Assert.Equal("Inspection", meeting.GetProperty("kind").GetString());
        Assert.Equal("2024-10-16", meeting.GetProperty("heldOn").GetString());
        Assert.Empty(result.Events.OfType<TaskAssigned>());
        Assert.Contains(result.Warnings, w => w.Contains("3 nhiệm vụ không có thời hạn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_named_unit_missing_from_the_tree_writes_nothing_and_is_reported()
    {
        var (code, _, _) = await BlocAsync(TreeNames().Where(n => n != "Đoàn Sở Ngoại vụ".ToUpperInvariant()), 60);
        var before = await EventCountAsync();

        var result = await ImportAsync(NoticeSamples.PathOf(NoticeSamples.Q2Briefing), code);

        Assert.Equal(ImportNotice.Outcome.Refused, result.Outcome);
        Assert.Null(result.MeetingId);
        Assert.Equal(["Đoàn Sở Ngoại vụ"], result.Unmatched);
        Assert.Equal(10, result.Matched.Count);
        Assert.Equal(before, await EventCountAsync());
        Assert.Contains("Đoàn Sở Ngoại vụ", ImportNotice.Describe(result, "x.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counts_that_disagree_with_the_tree_write_nothing_unless_forced()
    {
        var (code, _, admin) = await BlocAsync(TreeNames(), 61);
        var before = await EventCountAsync();

        var refused = await ImportAsync(NoticeSamples.PathOf(NoticeSamples.Q2Briefing), code);
        Assert.Equal(ImportNotice.Outcome.Refused, refused.Outcome);
        Assert.Empty(refused.Unmatched);
        Assert.Contains(refused.Warnings, w => w.Contains("Thông báo ghi 60 đơn vị được mời", StringComparison.Ordinal) && w.Contains("61", StringComparison.Ordinal));
        Assert.Equal(before, await EventCountAsync());

        var dryRun = await ImportAsync(NoticeSamples.PathOf(NoticeSamples.Q2Briefing), code, dryRun: true, force: true);
        Assert.Equal(ImportNotice.Outcome.DryRun, dryRun.Outcome);
        Assert.Equal(62, dryRun.Events.Count(e => e is MeetingConvened or AttendanceRecorded));
        Assert.Equal(before, await EventCountAsync());

        var forced = await ImportAsync(NoticeSamples.PathOf(NoticeSamples.Q2Briefing), code, force: true);
        Assert.Equal(ImportNotice.Outcome.Imported, forced.Outcome);
        Assert.Equal("50/61", (await admin.GetJsonAsync($"/api/meetings/{forced.MeetingId}")).GetProperty("summary").GetString());
    }

    [Fact]
    public async Task An_unknown_convening_code_is_a_clear_error_and_writes_nothing()
    {
        var before = await EventCountAsync();

        var result = await ImportAsync(NoticeSamples.PathOf(NoticeSamples.Q2Briefing), "KHONG.CO.MA.NAY");

        Assert.Equal(ImportNotice.Outcome.Refused, result.Outcome);
        Assert.Equal(["Không có đơn vị mã 'KHONG.CO.MA.NAY' vào ngày họp 31/03/2023."], result.Errors);
        Assert.Equal(before, await EventCountAsync());
    }

    [Fact]
    public async Task A_binary_file_is_a_clear_error_and_writes_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"notice-{Guid.NewGuid():N}.txt");
        await File.WriteAllBytesAsync(path, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);
        var before = await EventCountAsync();
        try
        {
            var result = await ImportAsync(path, "T.DK");

            Assert.Equal(ImportNotice.Outcome.Refused, result.Outcome);
            Assert.Equal([$"{Path.GetFileName(path)}: tệp nhị phân, không phải văn bản (byte 0 ở vị trí 4)."], result.Errors);
            Assert.Equal(before, await EventCountAsync());
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static UnitSummary Unit(string name) => new(Guid.NewGuid(), null, name, name, name, UnitLevel.Grassroots, Sector.Agencies);

    [Fact]
    public void Names_match_without_accents_case_or_the_Doan_prefix_and_never_by_guessing_between_several()
    {
        UnitSummary[] units = [Unit("Đoàn Sở Tai chinh"), Unit("Đoàn Thanh tra"), Unit("Chi đoàn Ngân hàng"), Unit("Đoàn Ngân hàng"), Unit("Đoàn Khối Dân-Chính-Đảng")];

        Assert.Equal("Đoàn Sở Tai chinh", ImportNotice.Match("đoàn sở tài chính", units).Unit?.Name);
        Assert.Equal("Đoàn Thanh tra", ImportNotice.Match("Chi đoàn Thanh tra", units).Unit?.Name);
        Assert.Equal("Đoàn Khối Dân-Chính-Đảng", ImportNotice.Match("Đoàn Khối Dân – Chính – Đảng", units).Unit?.Name);
        Assert.Equal("Chi đoàn Ngân hàng", ImportNotice.Match("Chi Đoàn Ngân Hàng", units).Unit?.Name);
        var (none, noneWhy) = ImportNotice.Match("Ngân hàng Nhà nước", units);
        Assert.Null(none);
        Assert.NotNull(noneWhy);
        var (several, why) = ImportNotice.Match("Ngân hàng", units);
        Assert.Null(several);
        Assert.Contains("khớp nhiều đơn vị", why, StringComparison.Ordinal);
    }
}

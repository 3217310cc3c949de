using System.CommandLine;
using DoanPlatform.Emulation;
using DoanPlatform.EventStore;
using DoanPlatform.Organisation.Contracts;

namespace DoanPlatform.Host.Cli;

/// <summary>
/// <c>emulation scale export SCALE-ID --out FILE</c>, <c>emulation scale import FILE --issuing-unit ID --year N</c> (a new draft, all or
/// nothing) and <c>emulation ranking export --unit CODE --year N [--cluster ID] --out FILE</c>.
/// </summary>
internal static class EmulationCommand
{
    public static Command Create()
    {
        var emulation = new Command("emulation", "Thang điểm và xếp hạng thi đua dưới dạng tệp Excel.");
        var scale = new Command("scale", "Thang điểm thi đua dạng .xlsx, mỗi điều kiện chấm một dòng.");
        scale.Subcommands.Add(ScaleExport());
        scale.Subcommands.Add(ScaleImport());
        emulation.Subcommands.Add(scale);
        var ranking = new Command("ranking", "Xếp hạng cụm thi đua.");
        ranking.Subcommands.Add(RankingExport());
        emulation.Subcommands.Add(ranking);
        return emulation;
    }

    private static Command ScaleExport()
    {
        var id = new Argument<Guid>("SCALE-ID") { Description = "Mã định danh (id) của thang điểm." };
        var output = new Option<FileInfo>("--out") { Description = "Tệp .xlsx cần ghi.", Required = true };
        var export = new Command("export", "Ghi một thang điểm ra tệp .xlsx.") { id, output };
        export.SetAction((result, ct) => CommandLine.WithAppAsync(CommandLine.HostArgs(result), runDaemon: false, async app =>
        {
            var bytes = await EmulationModule.ExportScaleAsync(app.Services, result.GetValue(id), ct);
            if (bytes is null)
            {
                await Console.Error.WriteLineAsync($"lỗi: không có thang điểm {result.GetValue(id)}.");
                return 1;
            }
            await File.WriteAllBytesAsync(result.GetValue(output)!.FullName, bytes, ct);
            return 0;
        }));
        return export;
    }

    private static Command ScaleImport()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Tệp .xlsx có hai trang \"Điều kiện\" và \"Thông tin\"." };
        var issuing = new Option<Guid>("--issuing-unit") { Description = "Mã định danh (id) của đơn vị ban hành thang điểm.", Required = true };
        var year = new Option<int>("--year") { Description = "Năm áp dụng thang điểm.", Required = true };
        var import = new Command("import", "Lập dự thảo thang điểm từ tệp .xlsx; một dòng sai hoặc một phần không cân đối điểm thì từ chối cả tệp, không ghi gì.") { file, issuing, year };
        import.SetAction((result, ct) => CommandLine.WithAppAsync(CommandLine.HostArgs(result), runDaemon: false, async app =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"lỗi: không có tệp {path.FullName}.");
                return 2;
            }
            var (id, errors) = await EmulationModule.ImportScaleAsync(app.Services, path.FullName, result.GetValue(issuing), result.GetValue(year), ct);
            foreach (var (field, messages) in errors)
                foreach (var message in messages)
                    await Console.Error.WriteLineAsync($"{field}: {message}");
            if (errors.Count > 0)
                return 1;
            Console.Out.WriteLine(id);
            return 0;
        }));
        return import;
    }

    private static Command RankingExport()
    {
        var unit = new Option<string>("--unit", "--issuing-unit")
        {
            Description = "Mã (hoặc id) của đơn vị lập cụm thi đua, ví dụ BRVT.", Required = true,
        };
        var year = new Option<int>("--year") { Description = "Năm xếp hạng, ví dụ 2023.", Required = true };
        var cluster = new Option<Guid?>("--cluster") { Description = "Chỉ xuất cụm này (id)." };
        var output = new Option<FileInfo>("--out") { Description = "Tệp .xlsx sẽ ghi (ghi đè nếu đã có).", Required = true };
        var export = new Command("export", "Ghi bảng xếp hạng thi đua của năm ra .xlsx, mỗi cụm một trang tính.") { unit, year, cluster, output };
        // The daemon runs for the verb's duration so the results read model has caught up before it is read.
        export.SetAction((result, ct) => CommandLine.WithAppAsync(CommandLine.HostArgs(result), runDaemon: true, async app =>
        {
            var target = result.GetValue(output)!;
            var reviewYear = result.GetValue(year);
            if (target.Directory is not { Exists: true })
            {
                await Console.Error.WriteLineAsync($"lỗi: thư mục {target.DirectoryName} không tồn tại; không ghi gì.");
                return 2;
            }
            var daemon = app.Services.GetServices<IHostedService>().Where(s => s.GetType().Assembly == typeof(IDocumentStore).Assembly).ToList();
            foreach (var service in daemon)
                await service.StartAsync(ct);
            try
            {
                await app.Services.GetRequiredService<IDocumentStore>().Advanced.WaitForNonStaleAsync(TimeSpan.FromSeconds(60), ct);
                if (await FindUnitAsync(app.Services.GetRequiredService<IUnitDirectory>(), result.GetValue(unit)!, reviewYear, ct) is not { } issuer)
                {
                    await Console.Error.WriteLineAsync($"lỗi: không có đơn vị mã '{result.GetValue(unit)}' (--unit) trong năm {reviewYear}; không ghi gì.");
                    return 2;
                }
                var bytes = await EmulationModule.ExportRankingAsync(app.Services, issuer.Id, reviewYear, result.GetValue(cluster), ct);
                await File.WriteAllBytesAsync(target.FullName, bytes, ct);
                Console.WriteLine($"Đã ghi xếp hạng thi đua năm {reviewYear} của {issuer.Name}: {target.FullName}");
                return 0;
            }
            catch (TimeoutException e)
            {
                await Console.Error.WriteLineAsync($"lỗi: kết quả thi đua chưa cập nhật xong ({e.Message}); không xuất.");
                return 1;
            }
            finally
            {
                foreach (var service in daemon)
                    await service.StopAsync(CancellationToken.None);
            }
        }));
        return export;
    }

    /// <summary>The unit by id or code, as it stood at the end of the year, else at its start.</summary>
    private static async Task<UnitSummary?> FindUnitAsync(IUnitDirectory directory, string unit, int year, CancellationToken ct)
    {
        var (end, start) = (new DateOnly(year, 12, 31), new DateOnly(year, 1, 1));
        if (Guid.TryParse(unit, out var id))
            return await directory.FindAsync(id, end, ct) ?? await directory.FindAsync(id, start, ct);
        var code = Input.Clean(unit) ?? "";
        return await directory.FindByCodeAsync(code, end, ct) ?? await directory.FindByCodeAsync(code, start, ct);
    }
}

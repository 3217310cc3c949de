using DoanPlatform.Host.Cli;
using DoanPlatform.Testing;

namespace DoanPlatform.Host.Tests.Cli;

[Collection(nameof(ConsoleCapture))]
public sealed class CommandLineTests
{
    [Fact]
    public async Task An_unreachable_database_at_start_up_is_one_clear_message_and_a_non_zero_exit()
    {
        var (code, _, error) = await ConsoleCapture.RunAsync(
            ["projections", "status", "--connection-string", "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2"]);
        Assert.Equal(2, code);
        Assert.Contains("không kết nối được cơ sở dữ liệu", error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Doan", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Projections_status_and_rebuild_run_against_the_given_database()
    {
        var connection = await PostgresCluster.CreateDatabaseAsync("cli");
        var (status, statusOut, _) = await ConsoleCapture.RunAsync(["projections", "status", "--connection-string", connection]);
        Assert.Equal(0, status);
        Assert.False(string.IsNullOrWhiteSpace(statusOut));

        var (rebuild, _, rebuildError) = await ConsoleCapture.RunAsync(["projections", "rebuild", "no-such-projection", "--connection-string", connection]);
        Assert.Equal(2, rebuild);
        Assert.Contains("Không có bảng tổng hợp tên 'no-such-projection'", rebuildError, StringComparison.Ordinal);

        var (all, _, _) = await ConsoleCapture.RunAsync(["projections", "rebuild", "--connection-string", connection]);
        Assert.Equal(0, all);
    }
}

[Collection(nameof(ConsoleCapture))]
public sealed class InspectionsCommandTests
{
    [Fact]
    public async Task Inspections_conclusion_refuses_a_plan_without_a_conclusion_and_writes_nothing()
    {
        var connection = await PostgresCluster.CreateDatabaseAsync("insp");
        var plan = Guid.NewGuid();
        var path = Path.Combine(Path.GetTempPath(), $"Kết luận {Guid.NewGuid():N}.docx");
        var (code, _, error) = await ConsoleCapture.RunAsync(["inspections", "conclusion", plan.ToString(), "--out", path, "--connection-string", connection]);
        Assert.Equal(1, code);
        Assert.Contains(plan.ToString(), error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }
}

[CollectionDefinition(nameof(ConsoleCapture), DisableParallelization = true)]
public sealed class ConsoleCapture
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<(int Code, string Out, string Error)> RunAsync(string[] args)
    {
        await Gate.WaitAsync();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            var code = await CommandLine.RunAsync(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
            Gate.Release();
        }
    }
}

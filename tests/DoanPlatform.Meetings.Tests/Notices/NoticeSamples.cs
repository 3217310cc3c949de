namespace DoanPlatform.Meetings.Tests.Notices;

/// <summary>The three real notices in ../shared/samples/notices/, found from the repository root.</summary>
internal static class NoticeSamples
{
    public const string Q2Briefing = "2023-q2-giao-ban-doan-khoi.txt";
    public const string HalfYearReview = "2023-so-ket-6-thang-huyen-doan.txt";
    public const string Inspection = "2024-kiem-tra-doan-khoi.txt";

    public static string PathOf(string name) => Path.Combine(RepositoryRoot(), "..", "shared", "samples", "notices", name);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DoanPlatform.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No DoanPlatform.sln above {AppContext.BaseDirectory}.");
    }
}

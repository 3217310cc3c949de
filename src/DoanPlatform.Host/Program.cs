using DoanPlatform.Host.Cli;

return await CommandLine.RunAsync(args);

/// <summary>The host's entry point (also the anchor for WebApplicationFactory).</summary>
public partial class Program;

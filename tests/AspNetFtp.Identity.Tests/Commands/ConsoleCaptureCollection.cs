namespace AspNetFtp.Identity.Tests.Commands;

/// <summary>Tests that swap <see cref="Console.Out"/>/<see cref="Console.Error"/> or read <see cref="Environment.ExitCode"/> run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCaptureCollection
{
    public const string Name = "Console capture";
}

using AspNetFtp.Host.Accounts;
using AspNetFtp.Identity.Tests.Infrastructure;
using AspNetFtp.Protocol.Abstractions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AspNetFtp.Identity.Tests.Store;

/// <summary>The host's configuration accounts (<c>FtpServer:Users</c>): one hash per failed login, made with its own hasher.</summary>
public sealed class ConfigurationAccountAuthenticatorTests
{
    private const int Iterations = 2_000;

    private sealed class RecordingHasher : IPasswordHasher<ConfiguredFtpAccount>
    {
        private readonly PasswordHasher<ConfiguredFtpAccount> _inner = new(Options.Create(new PasswordHasherOptions { IterationCount = Iterations }));

        public HashSet<string> Made { get; } = [];

        public List<string> Verified { get; } = [];

        public string HashPassword(ConfiguredFtpAccount user, string password)
        {
            string hash = _inner.HashPassword(user, password);
            Made.Add(hash);
            return hash;
        }

        public PasswordVerificationResult VerifyHashedPassword(ConfiguredFtpAccount user, string hashedPassword, string providedPassword)
        {
            Verified.Add(hashedPassword);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private sealed class FixedOptions(ConfiguredAccountsOptions value) : IOptionsMonitor<ConfiguredAccountsOptions>
    {
        public ConfiguredAccountsOptions CurrentValue => value;

        public ConfiguredAccountsOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ConfiguredAccountsOptions, string?> listener) => null;
    }

    [Fact]
    public async Task Unknown_users_and_wrong_passwords_each_cost_one_hash_and_the_stand_in_is_made_by_the_configured_hasher()
    {
        var hasher = new RecordingHasher();
        var alice = new ConfiguredFtpAccount { Name = "alice", HomeDirectory = Path.GetTempPath() };
        alice.PasswordHash = hasher.HashPassword(alice, TestAccounts.Password);
        var authenticator = new ConfigurationAccountAuthenticator(new FixedOptions(new ConfiguredAccountsOptions { Users = [alice] }), hasher);

        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await authenticator.AuthenticateAsync(TestAccounts.Login("mallory", TestAccounts.Password), CancellationToken.None)).Status);
        string standIn = Assert.Single(hasher.Verified);
        Assert.Contains(standIn, hasher.Made);
        Assert.Equal(Iterations, CountingPasswordHasher.IterationsOf(standIn));

        Assert.Equal(FtpAuthenticationStatus.InvalidCredentials, (await authenticator.AuthenticateAsync(TestAccounts.Login("alice", "Wrong!pass"), CancellationToken.None)).Status);
        Assert.Equal([standIn, alice.PasswordHash], hasher.Verified);
        Assert.True((await authenticator.AuthenticateAsync(TestAccounts.Login("alice", TestAccounts.Password), CancellationToken.None)).Succeeded);
    }
}

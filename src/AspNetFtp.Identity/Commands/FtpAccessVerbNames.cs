namespace AspNetFtp.Identity.Commands;

/// <summary>The access verbs: address lists and expiry, directory rules of groups and accounts.</summary>
internal static class FtpAccessVerbNames
{
    public const string SetAccessRules = "setftpaccessrules";
    public const string ListAccessRules = "listftpaccessrules";
    public const string AddDirectoryRule = "addftpdirectoryrule";
    public const string RemoveDirectoryRule = "removeftpdirectoryrule";

    public static IEnumerable<string> All => [SetAccessRules, ListAccessRules, AddDirectoryRule, RemoveDirectoryRule];
}

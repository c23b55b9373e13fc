using System.Runtime.InteropServices;

namespace AspNetFtp.Host.ProcessManagement;

/// <summary>
/// Linux <c>open(2)</c> flags. Most are the same on every architecture .NET runs on; <c>O_DIRECTORY</c> and
/// <c>O_NOFOLLOW</c> differ on ARM and POWER (the kernel's arch/*/include/uapi/asm/fcntl.h).
/// </summary>
internal static class OpenFlags
{
    public const int ReadOnly = 0x0;
    public const int WriteOnly = 0x1;
    public const int ReadWrite = 0x2;
    public const int Create = 0x40;
    public const int Exclusive = 0x80;
    public const int NoControllingTerminal = 0x100;
    public const int Append = 0x400;
    public const int NonBlocking = 0x800;
    public const int CloseOnExec = 0x80000;

    public static int Directory { get; } = IsArmOrPower ? 0x4000 : 0x10000;

    public static int NoFollow { get; } = IsArmOrPower ? 0x8000 : 0x20000;

    private static bool IsArmOrPower => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.Arm or Architecture.Arm64 or Architecture.Armv6 or Architecture.Ppc64le => true,
        Architecture.X64 or Architecture.X86 or Architecture.S390x or Architecture.RiscV64 or Architecture.LoongArch64 => false,
        Architecture other => throw new PlatformNotSupportedException($"open(2) flags are not known for {other}"),
    };
}

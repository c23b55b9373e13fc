using AspNetFtp.Host.Data;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AspNetFtp.Identity.Tests.Infrastructure;

/// <summary>Names the database a test class runs on; read by <see cref="ProviderFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class UsesProviderAttribute(DatabaseProvider provider) : Attribute
{
    public DatabaseProvider Provider { get; } = provider;
}

/// <summary>
/// A [Fact] that is skipped, with the reason, when the database server of its class's
/// <see cref="UsesProviderAttribute"/> is not configured (see <see cref="TestEnvironment"/>). The shared suites
/// are abstract classes; each provider's concrete class carries the attribute, so the same method skips on
/// one provider and runs on another.
/// </summary>
[XunitTestCaseDiscoverer("AspNetFtp.Identity.Tests.Infrastructure.ProviderFactDiscoverer", "AspNetFtp.Identity.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute
{
    /// <summary>Also needs <c>ASPNETFTP_TEST_PG_CTL</c> (the fault test).</summary>
    public bool NeedsPgCtl { get; set; }
}

public sealed class ProviderFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new ProviderTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
            discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

/// <summary>Works the skip reason out from the test class and the environment, in discovery and again in execution.</summary>
public sealed class ProviderTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ProviderTestCase()
    {
    }

    public ProviderTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        string? explicitSkip = base.GetSkipReason(factAttribute);
        if (explicitSkip is not null)
        {
            return explicitSkip;
        }

        Type? testClass = TestMethod.TestClass.Class.ToRuntimeType();
        UsesProviderAttribute? uses = testClass?.GetCustomAttributes(typeof(UsesProviderAttribute), inherit: true).OfType<UsesProviderAttribute>().FirstOrDefault();
        bool needsPgCtl = factAttribute.GetNamedArgument<bool>(nameof(ProviderFactAttribute.NeedsPgCtl));
        return uses is null ? null! : TestEnvironment.SkipReason(uses.Provider, needsPgCtl)!;
    }
}

using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AspNetFtp.Admin.Tests.Infrastructure;

/// <summary>A test class whose every test starts on the dashboard in a fresh browser context, signed in as the administrator.</summary>
public abstract class SignedInAdminTest(AdminApp app) : IAsyncLifetime
{
    private IPage? _page;

    /// <summary>The app under test (the derived class's constructor parameter, kept here only).</summary>
    protected AdminApp App { get; } = app;

    protected IPage Page => _page ?? throw new InvalidOperationException("No page.");

    public async Task InitializeAsync()
    {
        _page = await App.NewPageAsync();
        await AdminPages.SignInAsync(Page, AdminApp.AdministratorName, AdminApp.Password);
        await Expect(Page).ToHaveURLAsync(App.BaseUrl + "/admin");
    }

    public async Task DisposeAsync()
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
    }
}

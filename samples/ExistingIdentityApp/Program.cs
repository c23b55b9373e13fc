using AspNetFtp.Admin.DependencyInjection;
using AspNetFtp.Identity.Commands;
using AspNetFtp.Identity.DependencyInjection;
using AspNetFtp.Protocol.DependencyInjection;
using ExistingIdentityApp.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);

var connectionString = builder.Configuration.GetConnectionString("DefaultConnection")
    ?? throw new InvalidOperationException("Connection string 'DefaultConnection' not found.");
builder.Services.AddDbContext<ApplicationDbContext>(options => options.UseSqlite(connectionString));
builder.Services.AddDatabaseDeveloperPageExceptionFilter();

builder.Services.AddDefaultIdentity<IdentityUser>(options => options.SignIn.RequireConfirmedAccount = true)
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<ApplicationDbContext>();
builder.Services.AddRazorPages();

// FTP: the server (the FtpServer section of appsettings.json), logging in with this app's Identity users.
builder.Services.AddFtpServer(builder.Configuration).AddIdentityAccounts<IdentityUser, ApplicationDbContext>();
// FTP: the web admin (members of the role FtpServer:Admin:Role, default Administrator) and the FTP health check.
builder.Services.AddFtpAdmin<IdentityUser>(builder.Configuration);
builder.Services.AddHealthChecks().AddFtpHealthChecks();

var app = builder.Build();

// `dotnet run -- createftpusergroup ...`, `createftpuseraccount ...`: the FTP account verbs, then exit.
if (await app.RunFtpCommandAsync(args))
{
    return;
}

if (app.Environment.IsDevelopment())
{
    app.UseMigrationsEndPoint();
}
else
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

app.UseHttpsRedirection();

app.UseRouting();

app.UseAuthorization();

app.MapStaticAssets();
app.MapRazorPages()
   .WithStaticAssets();
app.MapFtpAdmin("/admin");
app.MapHealthChecks("/healthz");

await app.RunAsync();

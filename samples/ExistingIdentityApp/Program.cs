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
    .AddEntityFrameworkStores<ApplicationDbContext>();
builder.Services.AddRazorPages();

// FTP: the server (the FtpServer section of appsettings.json), logging in with this app's Identity users.
builder.Services.AddFtpServer(builder.Configuration).AddIdentityAccounts<IdentityUser, ApplicationDbContext>();

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

await app.RunAsync();

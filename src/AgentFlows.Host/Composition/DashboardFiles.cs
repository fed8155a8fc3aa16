using AgentFlows.Host.Security;
using Microsoft.Extensions.FileProviders;

namespace AgentFlows.Host.Composition;

/// <summary>
/// Serves the dashboard (static files of wwwroot) at <c>/</c> without a key: the page holds no data, its API calls
/// carry the key. The files come from the content root's wwwroot or, when the host runs with another content root,
/// from the wwwroot copied beside the assembly.
/// </summary>
internal static class DashboardFiles
{
    /// <summary>Adds the dashboard's static files ahead of authentication, with the security headers.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        var root = new[] { app.Environment.WebRootPath, Path.Combine(AppContext.BaseDirectory, "wwwroot") }
            .FirstOrDefault(d => !string.IsNullOrEmpty(d) && File.Exists(Path.Combine(d, "index.html")));
        if (root is null)
        {
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseWhen(
            http => (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && (http.Request.Path == "/" || (http.Request.Path.HasValue && files.GetFileInfo(http.Request.Path.Value).Exists)),
            branch =>
            {
                branch.UseSecurityHeaders();
                branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
                branch.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = files,
                    OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
                });
            });
        return app;
    }
}

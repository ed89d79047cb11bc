using System;
using System.Net;
using System.Runtime.InteropServices;

namespace ModeScim.Client.Http
{
    /// <summary>.NET Framework (Windows PowerShell 5.1) lets an application open 2 connections per server unless
    /// told otherwise, so 8 requests "in flight" would queue behind 2. Raise the server's limit to what the client
    /// runs concurrently; never lower a limit someone else set higher. Elsewhere HttpClient has no such limit.</summary>
    internal static class FrameworkConnectionLimit
    {
        private static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        public static void Ensure(Uri baseUri, int concurrentRequests)
        {
            if (IsNetFramework)
            {
                Raise(ServicePointManager.FindServicePoint(baseUri), concurrentRequests);
            }
        }

        internal static void Raise(ServicePoint server, int concurrentRequests)
        {
            if (server.ConnectionLimit < concurrentRequests)
            {
                server.ConnectionLimit = concurrentRequests;
            }
        }
    }
}

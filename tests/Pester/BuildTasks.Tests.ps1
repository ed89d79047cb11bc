# build.ps1's tasks that admins use directly, run as they would run them, in a child process.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:BuildScript = Join-Path (Split-Path (Split-Path $PSScriptRoot)) 'build.ps1'
    $script:Pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
}

Describe 'build.ps1 Emulator' {
    It 'listens on the -Port given and prints the two lines that connect to it' {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        $port = ([System.Net.IPEndPoint]$probe.LocalEndpoint).Port
        $probe.Stop()
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new($script:Pwsh)
        foreach ($argument in @('-NoProfile', '-NonInteractive', '-File', $script:BuildScript, 'Emulator', '-NoBuild', '-Port', $port, '-SeedUsers', 3)) {
            $startInfo.ArgumentList.Add([string]$argument)
        }
        $startInfo.RedirectStandardOutput = $true
        $startInfo.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($startInfo)
        try {
            $lines = [System.Collections.Generic.List[string]]::new()
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not ($lines | Where-Object { $_ -match 'Connect-ModeScim' }) -and [DateTime]::UtcNow -lt $deadline) {
                $line = $process.StandardOutput.ReadLine()
                if ($null -eq $line) { break }
                $lines.Add($line)
            }
            $import = @($lines | Where-Object { $_ -match '^\s*Import-Module ' })
            $connect = @($lines | Where-Object { $_ -match '^\s*Connect-ModeScim ' })

            $import.Count | Should -Be 1
            $connect.Count | Should -Be 1
            $connect[0] | Should -Match ([regex]::Escape("http://127.0.0.1:$port/"))
            # The printed line works as printed.
            & ([scriptblock]::Create($connect[0]))
            @(Get-ModeUser).Count | Should -Be 3
        }
        finally {
            Disconnect-ModeScim -ErrorAction SilentlyContinue
            $process.Kill($true)
            $process.WaitForExit()
        }
    }
}

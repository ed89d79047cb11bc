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

Describe 'build.ps1 Test on some tests only' -Tag 'Slow' {
    BeforeAll {
        # A folder of its own with two Pester files: build.ps1 must run the one -Path names, and of it only the tests
        # the tags and names select. Each selection gives a different Total line.
        $script:Folder = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-selection-' + [guid]::NewGuid().ToString('N'))
        $null = New-Item -ItemType Directory -Path $script:Folder
        $script:Named = Join-Path $script:Folder 'Named.Tests.ps1'
        Set-Content -LiteralPath $script:Named -Value @'
Describe 'Picked' -Tag 'Picked' {
    It 'passes' { 1 | Should -Be 1 }
}
Describe 'Slow and failing' -Tag 'Slow' {
    It 'fails' { 1 | Should -Be 2 }
}
Describe 'Untagged' {
    It 'is skipped' -Skip { }
    It 'passes, too' { 1 | Should -Be 1 }
}
'@
        Set-Content -LiteralPath (Join-Path $script:Folder 'Beside.Tests.ps1') -Value "Describe 'Beside' { It 'fails' { 1 | Should -Be 2 } }"

        # Runs build.ps1 Test in a child process, as a developer would; its exit code and the last line it printed.
        function Invoke-BuildTest([string[]] $Arguments) {
            $printed = @(& $script:Pwsh -NoProfile -NonInteractive -File $script:BuildScript Test -NoBuild @Arguments 2>&1 | ForEach-Object { "$_" })
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Last = $printed[-1]; Printed = $printed -join "`n" }
        }
    }
    AfterAll {
        Remove-Item -LiteralPath $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'runs only the Pester file -Path names, selected by <Case>' -TestCases @(
        @{ Case = 'nothing more'; Selection = @(); Total = 'Total: 2 passed, 1 failed, 1 skipped'; ExitCode = 1 }
        @{ Case = '-Tag'; Selection = @('-Tag', 'Picked'); Total = 'Total: 1 passed, 0 failed, 0 skipped'; ExitCode = 0 }
        @{ Case = '-ExcludeTag'; Selection = @('-ExcludeTag', 'Slow'); Total = 'Total: 2 passed, 0 failed, 1 skipped'; ExitCode = 0 }
        @{ Case = '-FullNameFilter'; Selection = @('-FullNameFilter', 'Untagged.passes, too'); Total = 'Total: 1 passed, 0 failed, 0 skipped'; ExitCode = 0 }
    ) {
        $run = Invoke-BuildTest (@('-Path', $script:Named) + $Selection)

        $run.Last | Should -Be $Total -Because $run.Printed
        $run.ExitCode | Should -Be $ExitCode
        $run.Printed | Should -Match '(?m)^Style:  not run \(-Path\)$'
        $run.Printed | Should -Match '(?m)^xunit:  not run \(-Path\)$'
    }

    It 'runs xunit only, filtered to the classes of the .cs file -Path names' {
        $file = Join-Path (Split-Path $script:BuildScript) 'tests/Unit/Emulator/SimulatedLatencyTests.cs'
        # Facts only in this file, so each [Fact] is one test.
        Select-String -LiteralPath $file -Pattern '\[Theory\]' | Should -BeNullOrEmpty
        $facts = @(Select-String -LiteralPath $file -Pattern '^\s*\[Fact\]').Count

        $run = Invoke-BuildTest @('-Path', $file)

        $run.Last | Should -Be "Total: $facts passed, 0 failed, 0 skipped" -Because $run.Printed
        $run.Printed | Should -Match '(?m)^Pester: not run \(-Path\)$'
    }
}

Describe 'build.ps1 Mutation -Since' {
    It 'refuses a ref that names no commit before Stryker starts, naming it' {
        $output = & $script:Pwsh -NoProfile -NonInteractive -File $script:BuildScript Mutation -NoBuild -Since 'no-such-ref-0f0f' 2>&1
        $exit = $LASTEXITCODE

        $exit | Should -Not -Be 0
        ($output -join "`n") | Should -Match "-Since 'no-such-ref-0f0f' names no commit"
        ($output -join "`n") | Should -Not -Match 'Stryker'
    }
}

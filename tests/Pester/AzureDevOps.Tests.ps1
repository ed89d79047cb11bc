BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 250
    $script:Pwsh = if ($PSVersionTable.PSEdition -eq 'Core') { Join-Path $PSHOME 'pwsh' } else { Join-Path $PSHOME 'powershell.exe' }
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) ('modescim-ado-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $script:Work

    # Runs a script in a fresh non-interactive process, as a PowerShell@2 step does, and returns its stdout.
    function Invoke-PipelineStep([string] $Script, [hashtable] $Environment) {
        $path = Join-Path $script:Work ('step-' + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content -LiteralPath $path -Value $Script
        $saved = @{}
        foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        try {
            $output = & $script:Pwsh -NoProfile -NonInteractive -File $path 2>&1 | ForEach-Object { "$_" }
            [pscustomobject]@{ Output = ($output -join "`n"); ExitCode = $LASTEXITCODE }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

AfterAll {
    Stop-ModeScimEmulator $script:Emulator
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Running in Azure DevOps' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
    }

    It 'annotates each per-item failure as a warning and ends a run with failures as SucceededWithIssues' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
'ghost-one@example.com', 'ghost-two@example.com' | Get-ModeUser -ErrorAction SilentlyContinue
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $warnings = @($run.Output -split "`n" | Where-Object { $_ -like '##vso`[task.logissue type=warning*' })
        $warnings.Count | Should -Be 2
        $warnings[0] | Should -BeLike '*code=ModeScim.UserNotFound*ghost-one@example.com*'
        ($run.Output -split "`n") | Should -Contain '##vso[task.complete result=SucceededWithIssues;]'
        $run.Output | Should -Not -BeLike "*$($script:Emulator.Token)*"
    }

    It 'writes no logging commands outside a pipeline' {
        $step = @"
Import-Module '$($script:ModuleManifest)'
Connect-ModeScim
'ghost@example.com' | Get-ModeUser -ErrorAction SilentlyContinue
"@
        $run = Invoke-PipelineStep $step @{ TF_BUILD = $null; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.Output | Should -Not -BeLike '*##vso*'
    }

    It 'runs the nightly offboarding example non-interactively, with no prompt, and leaves its artifacts' {
        $journal = Join-Path $script:Work 'journal.jsonl'
        $report = Join-Path $script:Work 'access-report.csv'
        $example = Join-Path $script:RepoRoot 'examples/offboarding.ps1'
        $step = "& '$example' -ModulePath '$($script:ModuleManifest)' -JournalPath '$journal' -ReportPath '$report'"

        $run = Invoke-PipelineStep $step @{ TF_BUILD = 'True'; MODE_SCIM_BASE_URI = $script:Emulator.BaseUri; MODE_SCIM_TOKEN = $script:Emulator.Token }

        $run.ExitCode | Should -Be 0
        $run.Output | Should -BeLike '*Disabled:*'
        @(Get-Content -LiteralPath $journal).Count | Should -Be 8
        @(Import-Csv -LiteralPath $report).Count | Should -BeGreaterThan 200
    }
}

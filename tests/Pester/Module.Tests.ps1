BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Module = Get-Module ModeScim
    $script:Assembly = [ModeScim.PowerShell.Commands.GetModeUserCommand].Assembly
    $script:CompiledCmdlets = @($script:Assembly.GetTypes() |
        ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
        ForEach-Object { "$($_.VerbName)-$($_.NounName)" } | Sort-Object)
}

Describe 'The ModeScim module' {
    It 'is imported from the built output, not from the sources' {
        $script:Module.ModuleBase | Should -BeLike '*out*ModeScim*'
        $script:Module.ModuleBase | Should -Not -BeLike '*src*'
    }

    It 'exports exactly the cmdlets it compiles' {
        @($script:Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $script:CompiledCmdlets
    }

    It 'declares its output type on every cmdlet' {
        $script:Assembly.GetTypes() |
            Where-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.OutputTypeAttribute], $false).Count | Should -BeGreaterThan 0 -Because $_.Name }
    }

    It 'uses approved verbs only' {
        $approved = (Get-Verb).Verb
        $script:CompiledCmdlets | ForEach-Object { $approved | Should -Contain ($_ -split '-')[0] }
    }

    It 'runs on Windows PowerShell 5.1 and PowerShell 7 by its manifest' {
        $manifest = Import-PowerShellDataFile (Join-Path $script:Module.ModuleBase 'ModeScim.psd1')
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.CmdletsToExport | Should -Not -Contain '*'
    }

    It 'compiles against System.Text.Json 8 at most, so the host''s copy can serve it' {
        $reference = [ModeScim.Client.ScimClient].Assembly.GetReferencedAssemblies() | Where-Object Name -eq 'System.Text.Json'
        $reference.Version.Major | Should -BeLessOrEqual 8
    }

    It 'ships its dependencies beside the module for Windows PowerShell 5.1' {
        foreach ($name in 'ModeScim.Client.dll', 'System.Text.Json.dll', 'Microsoft.Bcl.AsyncInterfaces.dll', 'System.Memory.dll') {
            Join-Path $script:Module.ModuleBase $name | Should -Exist
        }
        Join-Path $script:Module.ModuleBase 'System.Management.Automation.dll' | Should -Not -Exist
    }
}

Describe 'Token hygiene' {
    BeforeAll {
        $script:Emulator = Start-TestEmulator -Seed 3
        $script:Transcript = Join-Path ([System.IO.Path]::GetTempPath()) ("modescim-transcript-" + [guid]::NewGuid() + '.txt')
    }

    AfterAll {
        Disconnect-ModeScim
        Stop-ModeScimEmulator $script:Emulator
        Remove-Item $script:Transcript -ErrorAction SilentlyContinue
    }

    It 'never prints the token in any stream, error or transcript, on success or failure' {
        $token = $script:Emulator.Token
        $everything = New-Object System.Collections.Generic.List[string]
        $DebugPreference = 'Continue'
        $VerbosePreference = 'Continue'
        Start-Transcript -Path $script:Transcript | Out-Null
        try {
            $runs = @(
                { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString $token) -PassThru }
                { Get-ModeScimConnection | Format-List * }
                { Test-ModeScimConnection }
                { Get-ModeUser }
                { Get-ModeUser -Identity 'ghost@example.com' }
                { Get-ModeUser -Filter 'userName zz "a"' }
                { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString ($token + 'x')) }
                { Connect-ModeScim -BaseUri $script:Emulator.BaseUri -Token (ConvertTo-TestSecureString ($token + 'x')) -SkipDiscovery; Get-ModeUser -Identity 'a@example.com' }
                { Disconnect-ModeScim }
            )
            foreach ($run in $runs) {
                try {
                    & $run *>&1 | ForEach-Object { $everything.Add(($_ | Out-String)); if ($_ -is [System.Management.Automation.ErrorRecord]) { $everything.Add($_.Exception.ToString()) } }
                }
                catch {
                    $everything.Add(($_ | Out-String))
                    $everything.Add($_.Exception.ToString())
                }
            }
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $everything.Add((Get-Content -LiteralPath $script:Transcript -Raw))
        $everything.Add(($Error | ForEach-Object { $_.Exception.ToString() }) -join "`n")

        ($everything -join "`n") | Should -Not -BeLike "*$token*"
        ($everything -join "`n") | Should -BeLike '*GET Users*'
    }
}

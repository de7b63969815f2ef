# The TallyfyPS.Sandbox module, as a user drives a sandbox with it: every command against a real sandbox process,
# and help for each.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 12
    $script:commands = @(Get-Command -Module TallyfyPS.Sandbox)
}
AfterAll {
    Disconnect-Tallyfy -ErrorAction SilentlyContinue
    Stop-TallyfySandbox $script:sb
}

Describe 'TallyfyPS.Sandbox' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 12 }

    It 'exports exactly what its manifest lists, each with help: a synopsis, a description, three examples and every parameter' {
        $manifest = Import-PowerShellDataFile (Join-Path (Get-Module TallyfyPS.Sandbox).ModuleBase 'TallyfyPS.Sandbox.psd1')
        @($commands.Name | Sort-Object) | Should -Be @($manifest.FunctionsToExport | Sort-Object)
        foreach ($c in $commands) {
            $help = Get-Help $c.Name -Full
            $help.Synopsis | Should -Not -BeLike "*$($c.Name)*[<]*" -Because "$($c.Name) has a synopsis"
            "$($help.description.Text)".Length | Should -BeGreaterThan 40 -Because "$($c.Name) has a description"
            @($help.examples.example).Count | Should -BeGreaterOrEqual 3 -Because "$($c.Name) has three examples"
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            foreach ($p in $c.Parameters.Keys | Where-Object { $_ -notin $common }) {
                $described = @($help.parameters.parameter | Where-Object name -eq $p)
                "$($described.description.Text)".Length | Should -BeGreaterThan 5 -Because "$($c.Name) -$p is described"
            }
        }
    }

    It 'starts a sandbox on a free port with the seeded organizations and identities, and says where its tool is' {
        $sb.ApiUri | Should -Match '^http://127\.0\.0\.1:\d+/api$'
        $sb.OrganizationId | Should -Be '5f1e4c2a9b8d4e7f8a6b3c2d1e0f9a8b'
        $sb.Tokens.Keys | Should -Be @('admin', 'standard', 'light', 'other')
        $sb.Tool | Should -Exist
        $sb.PSTypeNames | Should -Contain 'TallyfyPS.Sandbox.Instance'
        @(Get-TallyfySandboxRunId $sb -Archived true).Count | Should -Be 12
        @(Get-TallyfySandboxRunId $sb -Archived only).Count | Should -BeLessThan 12
    }

    It 'says where to get the tool when -Path names none, and why a sandbox that cannot listen stopped' {
        { Start-TallyfySandbox -Path (Join-Path $TestDrive 'nothing') } | Should -Throw -ExpectedMessage "*No sandbox at -Path*"
        $taken = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $taken.Start()
        try {
            $port = $taken.LocalEndpoint.Port
            { Start-TallyfySandbox -Port $port } | Should -Throw -ExpectedMessage "*exited with code 3*$port*"
        }
        finally { $taken.Stop() }
    }

    It 'reads the request log as typed entries, filtered by sequence, method, path and mutation' {
        $null = Connect-TallyfySandbox $sb
        $mark = Get-TallyfySandboxLastSeq $sb
        $ids = @(Get-TallyfySandboxRunId $sb)
        $ids[0..1] | Remove-TallyfyRun -Force | Out-Null
        $log = @(Get-TallyfySandboxRequest $sb -Since $mark)
        $log[0].PSTypeNames[0] | Should -Be 'TallyfyPS.Sandbox.Request'
        $log[0].Seq | Should -BeOfType [long]
        $log[0].Time | Should -BeOfType [DateTimeOffset]
        $log | ForEach-Object { $_.Seq | Should -BeGreaterThan $mark }
        $deletes = @(Get-TallyfySandboxRequest $sb -Since $mark -Method DELETE)
        $deletes.Count | Should -Be 2
        $deletes | ForEach-Object { $_.Status | Should -Be 200; $_.UserId | Should -Be 1001 }
        @(Get-TallyfySandboxRequest $sb -Since $mark -Mutating).Count | Should -Be 2
        @(Get-TallyfySandboxRequest $sb -Since $mark -Path "*/runs/$($ids[0])").Count | Should -BeGreaterOrEqual 1
        Get-TallyfySandboxLastSeq $sb | Should -Be $log[-1].Seq
        Clear-TallyfySandboxRequest $sb
        @(Get-TallyfySandboxRequest $sb).Count | Should -Be 0
    }

    It 'sets faults by name or as a table, and turns them all off with none' {
        Set-TallyfySandboxFault $sb -LatencyMs 5 -ThrottleRate 0.25 -ErrorStatuses 503 -Methods DELETE -FaultSeed 9
        $f = Invoke-TallyfySandboxControl $sb GET faults
        $f.latencyMs | Should -Be 5
        $f.throttleRate | Should -Be 0.25
        $f.errorStatuses | Should -Be @(503)
        $f.methods | Should -Be @('DELETE')
        $f.seed | Should -Be 9
        Set-TallyfySandboxFault $sb @{ errorRate = 1.0; failIds = @{ abc = 418 } }
        $f = Invoke-TallyfySandboxControl $sb GET faults
        $f.errorRate | Should -Be 1.0
        $f.latencyMs | Should -Be 0
        Set-TallyfySandboxFault $sb
        $f = Invoke-TallyfySandboxControl $sb GET faults
        $f.errorRate | Should -Be 0
        (Invoke-TallyfySandboxApi $sb -Path me).Status | Should -Be 200
    }

    It 'sets switches, resets with the seed knobs, and reads stored state past the API' {
        Set-TallyfySandboxSwitch $sb @{ archivedRunGet = '404' }
        (Invoke-TallyfySandboxControl $sb GET switches).archivedRunGet | Should -Be '404'
        Set-TallyfySandboxSwitch $sb
        (Invoke-TallyfySandboxControl $sb GET switches).archivedRunGet | Should -Be '200'
        Reset-TallyfySandbox $sb -Runs 4 -Seed 5 -TasksPerRun 2 -CommentsPerTask 1 -FormFieldsPerTask 3
        $settings = (Invoke-TallyfySandboxControl $sb GET info).seedSettings
        $settings.runs, $settings.seed, $settings.tasksPerRun, $settings.commentsPerTask, $settings.formFieldsPerTask | Should -Be @(4, 5, 2, 1, 3)
        $id = @(Get-TallyfySandboxRunId $sb)[0]
        (Get-TallyfySandboxState $sb -RunId $id).id | Should -Be $id
        $task = (Invoke-TallyfySandboxApi $sb -Path "organizations/$($sb.OrganizationId)/runs/$id/tasks").Body.data[0]
        (Get-TallyfySandboxState $sb -TaskId $task.id).runId | Should -Be $id
        (Get-TallyfySandboxState $sb -TaskId $task.id -Notifications).taskId | Should -Be $task.id
    }

    It 'revokes one user''s personal access token, and signs TallyfyPS in as each identity' {
        (Connect-TallyfySandbox $sb -As other).OrganizationId | Should -Be $sb.OtherOrganizationId
        (Connect-TallyfySandbox $sb -As light).User.Email | Should -Be 'priya.natarajan@acme.example'
        { Revoke-TallyfySandboxToken $sb -UserId 1002 } | Should -Throw -ExpectedMessage '*-UserId needs -PersonalAccessToken*'
        (Revoke-TallyfySandboxToken $sb -PersonalAccessToken -UserId 1002).revoked | Should -Be 1
        (Invoke-TallyfySandboxApi $sb -Path me -As standard).Status | Should -Be 401
        (Invoke-TallyfySandboxApi $sb -Path me -As admin).Status | Should -Be 200
        { Connect-TallyfySandbox $sb -As standard -MaxRetries 0 } | Should -Throw
    }
}

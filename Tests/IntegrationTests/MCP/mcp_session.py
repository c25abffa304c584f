"""Drives `kagent mcp` with the reference MCP client (PyPI `mcp`, 2.x) for the integration tests.

usage: mcp_session.py KAGENT ARGS_JSON CALLS_JSON

Starts KAGENT with the JSON list ARGS_JSON on stdio, initializes, lists the tools, then makes each call of
CALLS_JSON ([{"tool": name, "arguments": {...}}]) in order. A string argument "$plan:N" is the plan_id of call
N's result. Prints one JSON object: {"server", "tools": [{"name", "schema"}], "results": [...]}, each result
{"is_error", "text", "structured"} or {"rpc_error": message} when the call was refused as a JSON-RPC error.
"""

import asyncio
import json
import os
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


def resolve(value, results):
    if isinstance(value, str) and value.startswith("$plan:"):
        earlier = results[int(value.split(":", 1)[1])]
        return (earlier.get("structured") or {}).get("plan_id", "")
    return value


async def main():
    kagent, args, calls = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
    params = StdioServerParameters(command=kagent, args=args, env=dict(os.environ))
    out = {"results": []}
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            out["server"] = init.server_info.name
            listed = await session.list_tools()
            out["tools"] = [{"name": t.name, "schema": t.input_schema} for t in listed.tools]
            for call in calls:
                arguments = {k: resolve(v, out["results"]) for k, v in call.get("arguments", {}).items()}
                try:
                    result = await session.call_tool(call["tool"], arguments)
                except Exception as error:  # a JSON-RPC error: the call itself was refused
                    out["results"].append({"rpc_error": str(error)})
                    continue
                text = "\n".join(c.text for c in result.content if getattr(c, "type", "") == "text")
                out["results"].append(
                    {"is_error": bool(result.is_error), "text": text, "structured": result.structured_content}
                )
    print(json.dumps(out))


asyncio.run(main())

import { useEffect, useState } from "react";

const api = process.env.NEXT_PUBLIC_API_URL || "http://localhost:8000";

export default function Home() {
  const [todos, setTodos] = useState([]);
  useEffect(() => {
    fetch(`${api}/todos`).then((r) => r.json()).then(setTodos).catch(() => setTodos([]));
  }, []);
  return (
    <main>
      <h1>Todos</h1>
      <ul>
        {todos.map((t) => (
          <li key={t.id}>{t.done ? "✓ " : ""}{t.title}</li>
        ))}
      </ul>
    </main>
  );
}

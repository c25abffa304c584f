"""Todo API: FastAPI + SQLAlchemy on the database named by DATABASE_URL."""
import os

from fastapi import FastAPI
from sqlalchemy import Boolean, Column, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://todo:todo@localhost:5432/todo")
engine = create_engine(DATABASE_URL.replace("postgresql://", "postgresql+psycopg://", 1), pool_pre_ping=True)
Base = declarative_base()


class Todo(Base):
    __tablename__ = "todos"
    id = Column(Integer, primary_key=True)
    title = Column(String(200), nullable=False)
    done = Column(Boolean, default=False, nullable=False)


app = FastAPI(title="todo-backend")


@app.on_event("startup")
def create_tables() -> None:
    Base.metadata.create_all(engine)


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}


@app.get("/todos")
def list_todos() -> list[dict]:
    with Session(engine) as s:
        return [{"id": t.id, "title": t.title, "done": t.done} for t in s.scalars(select(Todo))]


@app.post("/todos")
def add_todo(item: dict) -> dict:
    with Session(engine) as s:
        t = Todo(title=item["title"], done=bool(item.get("done", False)))
        s.add(t)
        s.commit()
        return {"id": t.id, "title": t.title, "done": t.done}
